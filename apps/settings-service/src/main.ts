import 'reflect-metadata';
import { loadConfig, runMain } from '@scim/platform';
import { startSettingsService } from './app/start-settings-service';
import { SettingsServiceConfigSchema } from './config';

runMain('settings-service', () => startSettingsService(loadConfig(SettingsServiceConfigSchema)));
