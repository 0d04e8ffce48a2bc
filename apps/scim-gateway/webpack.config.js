// The admin page (apps/admin-ui, built first: an implicit dependency) ships inside the gateway's bundle.
module.exports = require('../../tools/webpack/node-app.config')(__dirname, {
  assets: [{ input: 'dist/apps/admin-ui', glob: '**/*', output: 'admin-ui' }],
});
