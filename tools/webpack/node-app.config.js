const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join, relative } = require('path');

/**
 * The webpack config of every Node app and tool in the workspace: a bundle of the project's src/main.ts with
 * its libraries (node_modules stay external) into dist/<project folder>, with a pruned package.json.
 * `options` are extra NxAppWebpackPlugin options (e.g. assets).
 */
module.exports = function nodeAppConfig(projectDir, options = {}) {
  const workspaceRoot = join(__dirname, '../..');
  return {
    output: { path: join(workspaceRoot, 'dist', relative(workspaceRoot, projectDir)) },
    plugins: [
      new NxAppWebpackPlugin({
        target: 'node',
        compiler: 'tsc',
        main: './src/main.ts',
        tsConfig: './tsconfig.app.json',
        optimization: false,
        outputHashing: 'none',
        generatePackageJson: true,
        sourceMap: true,
        ...options,
      }),
    ],
  };
};
