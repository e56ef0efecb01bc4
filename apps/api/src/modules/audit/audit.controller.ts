import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type AuditVerifyResponse, Permission } from '@pacer/shared';

import { ApiContract } from '../../common/decorators/api-contract.decorator';
import { RequirePermission } from '../../common/decorators/auth.decorators';
import { AuditService } from './audit.service';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: 'Audit events, newest first (auditor only; 三员分立)' })
  @ApiContract('Page<AuditEventRow>')
  list(@Query() query: AuditQueryDto) {
    return this.audit.list(query);
  }

  @Get('verify')
  @RequirePermission(Permission.AuditRead)
  @ApiOperation({ summary: 'Walk the whole hash chain; every broken row, in ranges (AUD-4)' })
  verify(): Promise<AuditVerifyResponse> {
    return this.audit.verifyChain();
  }
}
