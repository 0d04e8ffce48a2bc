const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  output: { path: join(__dirname, '../../dist/apps/scim-gateway') },
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
      // The admin page (apps/admin-ui, built first: an implicit dependency) ships inside the gateway's bundle.
      assets: [{ input: 'dist/apps/admin-ui', glob: '**/*', output: 'admin-ui' }],
    }),
  ],
};
