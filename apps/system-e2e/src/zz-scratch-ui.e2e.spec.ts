import { startSystem, type RunningSystem } from './support/system';
describe('scratch', () => {
  let system: RunningSystem;
  beforeAll(async () => { system = await startSystem(); });
  afterAll(() => system.stop());
  it('routes', async () => {
    for (const url of ['/admin', '/admin/', '/admin?x=1', '/admin/favicon.svg', '/admin/assets/nope.js', '/admin/assets/..%2f..%2fpackage.json', '/admin/v1/companies', '/admin/x']) {
      const r = await system.gateway.inject({ method: 'GET', url });
      console.log(url, r.statusCode, r.headers['location'], r.headers['content-type'], r.body.slice(0, 80));
    }
    const h = await system.gateway.inject({ method: 'HEAD', url: '/admin/' });
    console.log('HEAD', h.statusCode, h.headers['content-length'], h.body.length);
  });
});
