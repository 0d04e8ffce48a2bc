import { Module } from '@nestjs/common';
import { PassportModule } from '@nestjs/passport';
import { AdminBearerStrategy } from './admin-bearer.strategy';
import { CompaniesAdminController } from './companies.admin.controller';
import { CompanyHistoryAdminController } from './company-history.admin.controller';
import { CompanyUsersAdminController } from './company-users.admin.controller';
import { OpenApiController } from './openapi.controller';
import { ScimSettingsAdminController } from './scim-settings.admin.controller';
import { ScimTokenAdminController } from './scim-token.admin.controller';
import { ScimTokenView } from './scim-token-view.service';

/** /admin/v1: company configuration and the SCIM token lifecycle, for admins holding ADMIN_TOKEN. */
@Module({
  imports: [PassportModule],
  providers: [AdminBearerStrategy, ScimTokenView],
  controllers: [
    CompaniesAdminController,
    ScimSettingsAdminController,
    ScimTokenAdminController,
    CompanyUsersAdminController,
    CompanyHistoryAdminController,
    OpenApiController,
  ],
})
export class AdminApiModule {}
