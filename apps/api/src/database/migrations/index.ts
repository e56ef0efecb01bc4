import { Init1764000000000 } from './1764000000000-Init';
import { DomainCore1764100000000 } from './1764100000000-DomainCore';
import { ProjectLedger1764300000000 } from './1764300000000-ProjectLedger';
import { Rankings1764600000000 } from './1764600000000-Rankings';
import { JobsNotifications1764700000000 } from './1764700000000-JobsNotifications';
import { ImportBatch1764800000000 } from './1764800000000-ImportBatch';
import { Briefings1764900000000 } from './1764900000000-Briefings';
import { ScoringDataVersion1765000000000 } from './1765000000000-ScoringDataVersion';
import { YtdSummaryDerived1765100000000 } from './1765100000000-YtdSummaryDerived';
import { LoginAddressIndex1765200000000 } from './1765200000000-LoginAddressIndex';
import { AuditRetention1765300000000 } from './1765300000000-AuditRetention';
import { AuditHardening1765400000000 } from './1765400000000-AuditHardening';
import { SeparatedAdministratorRoles1765410000000 } from './1765410000000-SeparatedAdministratorRoles';
import { UserMfa1765420000000 } from './1765420000000-UserMfa';
import { ProjectShareConfirmation1765440000000 } from './1765440000000-ProjectShareConfirmation';
import { PlanFourEyes1765440000001 } from './1765440000001-PlanFourEyes';
import { ServiceAccounts1765530000000 } from './1765530000000-ServiceAccounts';
import { NotificationChannels1765570000000 } from './1765570000000-NotificationChannels';
import { ChannelPersonAccounts1765580000000 } from './1765580000000-ChannelPersonAccounts';
import { PrincipalChangeNotify1765590000000 } from './1765590000000-PrincipalChangeNotify';
import { ScoringTableVersions1765600000000 } from './1765600000000-ScoringTableVersions';
import { ImportJobs1765610000000 } from './1765610000000-ImportJobs';
import { ClerkSettings1765630000000 } from './1765630000000-ClerkSettings';
import { ReadScreensMonth1765650000000 } from './1765650000000-ReadScreensMonth';
import { OwnFigures1765660000000 } from './1765660000000-OwnFigures';
import { Attachments1765670000000 } from './1765670000000-Attachments';
import { Verifications1765680000000 } from './1765680000000-Verifications';
import { YtdEntry1765690000000 } from './1765690000000-YtdEntry';
import { ReportFrequency1765690000001 } from './1765690000001-ReportFrequency';
import { UsdMeasure1765690000002 } from './1765690000002-UsdMeasure';
import { InvestmentWork1765700000000 } from './1765700000000-InvestmentWork';
import { LeadsImport1765710000000 } from './1765710000000-LeadsImport';
import { WorkIndicators1765720000000 } from './1765720000000-WorkIndicators';
import { ActivityImports1765720000001 } from './1765720000001-ActivityImports';
import { BriefingChains1765730000000 } from './1765730000000-BriefingChains';
import { DeliveryReceipts1765740000000 } from './1765740000000-DeliveryReceipts';

/** Every migration, in order. A new migration is added here; a committed one is never edited. */
export const MIGRATIONS = [
  Init1764000000000,
  DomainCore1764100000000,
  ProjectLedger1764300000000,
  Rankings1764600000000,
  JobsNotifications1764700000000,
  ImportBatch1764800000000,
  Briefings1764900000000,
  ScoringDataVersion1765000000000,
  YtdSummaryDerived1765100000000,
  LoginAddressIndex1765200000000,
  AuditRetention1765300000000,
  AuditHardening1765400000000,
  SeparatedAdministratorRoles1765410000000,
  UserMfa1765420000000,
  ProjectShareConfirmation1765440000000,
  PlanFourEyes1765440000001,
  ServiceAccounts1765530000000,
  NotificationChannels1765570000000,
  ChannelPersonAccounts1765580000000,
  PrincipalChangeNotify1765590000000,
  ScoringTableVersions1765600000000,
  ImportJobs1765610000000,
  ClerkSettings1765630000000,
  ReadScreensMonth1765650000000,
  OwnFigures1765660000000,
  Attachments1765670000000,
  Verifications1765680000000,
  YtdEntry1765690000000,
  ReportFrequency1765690000001,
  UsdMeasure1765690000002,
  InvestmentWork1765700000000,
  LeadsImport1765710000000,
  WorkIndicators1765720000000,
  ActivityImports1765720000001,
  BriefingChains1765730000000,
  DeliveryReceipts1765740000000,
];
