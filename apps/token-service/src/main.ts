import 'reflect-metadata';
import { loadConfig, runMain } from '@scim/platform';
import { startTokenService } from './app/start-token-service';
import { TokenServiceConfigSchema } from './config';

runMain('token-service', () => startTokenService(loadConfig(TokenServiceConfigSchema)));
