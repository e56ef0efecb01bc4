import { randomUUID } from 'node:crypto';

import { type DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options as PinoHttpOptions } from 'pino-http';
import { DataSource } from 'typeorm';

import { ClockModule } from './common/clock/clock.module';
import { JobsModule } from './common/jobs/jobs.module';
import { type LogFormat, prettyLogStream, quietBootChatter } from './common/logging/log-format';
import { validateEnv } from './config/env.schema';
import { loadJobsConfig } from './config/jobs.config';
import { buildDataSourceOptions, runMigrationsLocked } from './database/data-source';
import { migrateAsOwner } from './database/runtime-role';
import { DemoModule } from './database/seeds/demo.module';
import { ApiDocsModule } from './modules/api-docs/api-docs.module';
import { AttachmentsModule } from './modules/attachments/attachments.module';
import { ActivitiesModule } from './modules/activities/activities.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { BriefingsModule } from './modules/briefings/briefings.module';
import { ChainsModule } from './modules/chains/chains.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { ExcelModule } from './modules/excel/excel.module';
import { HealthModule } from './modules/health/health.module';
import { InvestorsModule } from './modules/investors/investors.module';
import { LeadsModule } from './modules/leads/leads.module';
import { MonthCloseModule } from './modules/month-close/month-close.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { NotificationChannelsModule } from './modules/notification-channels/notification-channels.module';
import { PlansModule } from './modules/plans/plans.module';
import { ProgressModule } from './modules/progress/progress.module';
import { ProjectsModule } from './modules/projects/projects.module';
import { RankingsModule } from './modules/rankings/rankings.module';
import { ReportsModule } from './modules/reports/reports.module';
import { ScoringEntriesModule } from './modules/scoring-entries/scoring-entries.module';
import { ServiceAccountsModule } from './modules/service-accounts/service-accounts.module';
import { TargetsModule } from './modules/targets/targets.module';
import { UnitsModule } from './modules/units/units.module';
import { UsersModule } from './modules/users/users.module';
import { VerificationsModule } from './modules/verifications/verifications.module';

export interface AppModuleOptions {
  /** The database requests use: DATABASE_URL or the embedded cluster's runtime role. */
  databaseUrl: string;
  /**
   * The schema owner's URL (DATABASE_MIGRATION_URL or the embedded cluster's owner): migrations and the runtime role's
   * grants run through it, then its connections close. Unset or equal to `databaseUrl`: all through `databaseUrl`.
   */
  migrationUrl?: string;
  logLevel?: string;
  /** Log failing SQL (off in tests that provoke failures on purpose). */
  sqlLogging?: boolean;
  /** Where the JSON log lines go (stdout when not given); tests capture them. */
  logDestination?: DestinationStream;
  /** Log lines for people (`pretty`, to stdout) or JSON (the default); ignored when `logDestination` is given. */
  logFormat?: LogFormat;
  /** Seed the demo county at start when the database has no unit yet (main.ts: PACER_DEMO, else embedded). */
  demo?: boolean;
}

function withDestination(destination: DestinationStream | undefined, options: PinoHttpOptions) {
  return destination ? ([options, destination] as [PinoHttpOptions, DestinationStream]) : options;
}

@Module({})
export class AppModule {
  static forRoot(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, cache: true, validate: validateEnv }),
        LoggerModule.forRoot({
          pinoHttp: withDestination(
            options.logDestination ??
              (options.logFormat === 'pretty' ? prettyLogStream(process.stdout.isTTY === true) : undefined),
            {
              ...(options.logFormat === 'pretty' && !options.logDestination
                ? { hooks: { logMethod: quietBootChatter } }
                : {}),
              level: options.logLevel ?? 'info',
              // configureApp() assigned the id before any parsing; reuse it so logs and error bodies agree
              genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
              redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
              autoLogging: { ignore: (req) => (req.url ?? '').startsWith('/api/health') },
              serializers: {
                req: (req: { id: string; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: req.url,
                }),
                // the status only: serializing every response header of every request cost more than the line is worth
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
            },
          ),
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () =>
            buildDataSourceOptions(
              options.databaseUrl,
              options.sqlLogging === false ? { logging: false } : {},
            ),
          // migrations run before any other module starts, under an advisory lock (two replicas never race)
          dataSourceFactory: async (dsOptions) => {
            const isSplit = !!options.migrationUrl && options.migrationUrl !== options.databaseUrl;
            if (isSplit) {
              await migrateAsOwner(
                options.migrationUrl!,
                options.databaseUrl,
                options.sqlLogging === false ? { logging: false } : {},
              );
            }
            const dataSource = await new DataSource(dsOptions!).initialize();
            if (!isSplit) await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
        ClockModule,
        // crons are registered only where PACER_JOBS is on; each run is exactly-once anyway (JobLockService)
        ScheduleModule.forRootAsync({ useFactory: () => ({ cronJobs: loadJobsConfig().enabled }) }),
        JobsModule,
        HealthModule,
        AuditModule,
        AuthModule,
        UsersModule,
        ServiceAccountsModule,
        UnitsModule,
        PlansModule,
        TargetsModule,
        ProjectsModule,
        VerificationsModule,
        AttachmentsModule,
        LeadsModule,
        InvestorsModule,
        ReportsModule,
        ProgressModule,
        ExcelModule,
        RankingsModule,
        DashboardModule,
        ScoringEntriesModule,
        MonthCloseModule,
        NotificationsModule,
        NotificationChannelsModule,
        BriefingsModule,
        ChainsModule,
        ApiDocsModule,
        ActivitiesModule,
        DemoModule.forRoot({ seedOnStart: options.demo ?? false }),
      ],
    };
  }
}
