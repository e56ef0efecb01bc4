import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';

import { AUTH_CONFIG, loadAuthConfig } from '../../config/auth.config';
import { ServiceAccountsModule } from '../service-accounts/service-accounts.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { DemoAccountsService } from './demo-accounts.service';
import { JwtKeyService } from './jwt-key.service';
import { MfaKeyService } from './mfa-key.service';
import { MfaController } from './mfa.controller';
import { MfaRepository } from './mfa.repository';
import { MfaService } from './mfa.service';
import { loadPrincipalCacheOptions, PRINCIPAL_CACHE_OPTIONS, PrincipalCacheService } from './principal-cache.service';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  imports: [JwtModule.register({}), UsersModule, ServiceAccountsModule],
  controllers: [AuthController, SessionsController, MfaController],
  providers: [
    { provide: AUTH_CONFIG, useFactory: loadAuthConfig },
    AuthService,
    JwtKeyService,
    RefreshTokensRepository,
    SessionsService,
    DemoAccountsService,
    MfaKeyService,
    MfaRepository,
    MfaService,
    { provide: PRINCIPAL_CACHE_OPTIONS, useFactory: loadPrincipalCacheOptions },
    PrincipalCacheService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [AuthService, AUTH_CONFIG],
})
export class AuthModule {}
