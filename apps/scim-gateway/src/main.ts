import 'reflect-metadata';
import { loadConfig, runMain } from '@scim/platform';
import { createGatewayApp } from './app/create-gateway-app';
import { GatewayConfigSchema } from './config';

runMain('scim-gateway', async () => {
  const config = loadConfig(GatewayConfigSchema);
  const app = await createGatewayApp(config);
  await app.listen(config.PORT, config.HOST);
});
