import { Module } from '@nestjs/common';
import { DiscoveryController } from './discovery/discovery.controller';
import { CompanyGateSettingsService } from './gate/company-gate-settings.service';
import { RateLimiterProvider } from './gate/rate-limiter.provider';
import { ScimGate } from './gate/scim-gate.guard';
import { TokenVerifier } from './gate/token-verifier.service';
import { UnsupportedEndpointsController } from './unsupported/unsupported-endpoints.controller';
import { BatchedUserReads } from './users/batched-user-reads';
import { CompanyWritePositions } from './users/company-write-positions';
import { UsersController } from './users/users.controller';
import { UserWriteQueue } from './users/user-write-queue';
import { WriteAdmission } from './users/write-admission';

/** /scim/v2: the SCIM API identity providers call, behind the request gate. */
@Module({
  providers: [TokenVerifier, CompanyGateSettingsService, RateLimiterProvider, ScimGate, CompanyWritePositions, BatchedUserReads, UserWriteQueue, WriteAdmission],
  controllers: [DiscoveryController, UsersController, UnsupportedEndpointsController],
})
export class ScimApiModule {}
