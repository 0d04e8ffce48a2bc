import { Logger, Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { GATEWAY_CONFIG } from '../app/gateway-config.token';
import type { GatewayConfig } from '../config';
import { AdminBearerStrategy } from './admin-bearer.strategy';
import { AdminUiController } from './admin-ui.controller';
import { AdminUiFiles, resolveAdminUiDir } from './admin-ui-files';
import { CompaniesAdminController } from './companies.admin.controller';
import { CompanyHistoryAdminController } from './company-history.admin.controller';
import { CompanyUsersAdminController } from './company-users.admin.controller';
import { MaintenanceAdminController } from './maintenance.admin.controller';
import { OpenApiController } from './openapi.controller';
import { ScimRequestLimitAdminController } from './scim-request-limit.admin.controller';
import { ScimSettingsAdminController } from './scim-settings.admin.controller';
import { ScimTokenAdminController } from './scim-token.admin.controller';
import { ScimTokenView } from './scim-token-view.service';

/**
 * /admin/v1: company configuration and the SCIM token lifecycle, for admins holding ADMIN_TOKEN; /admin/: the
 * SCIM Provisioning settings page built on it.
 */
@Module({
  imports: [PassportModule],
  providers: [
    AdminBearerStrategy,
    ScimTokenView,
    {
      provide: AdminUiFiles,
      useFactory: (config: GatewayConfig) => {
        const files = AdminUiFiles.load(resolveAdminUiDir(config.ADMIN_UI_DIR));
        if (!files.available) new Logger('AdminUi').warn('The admin page is not built (npx nx build admin-ui): /admin/ answers 503');
        return files;
      },
      inject: [GATEWAY_CONFIG],
    },
  ],
  controllers: [
    CompaniesAdminController,
    ScimSettingsAdminController,
    ScimRequestLimitAdminController,
    ScimTokenAdminController,
    CompanyUsersAdminController,
    CompanyHistoryAdminController,
    MaintenanceAdminController,
    OpenApiController,
    AdminUiController,
  ],
})
export class AdminApiModule {}
