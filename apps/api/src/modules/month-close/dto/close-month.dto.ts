import { ApiPropertyOptional } from '@nestjs/swagger';
import type { CloseMonthRequest } from '@pacer/shared';
import { IsOptional, IsString, MaxLength } from 'class-validator';

import { REASON_MAX } from '../../rankings/dto/rankings.dto';

export class CloseMonthDto implements CloseMonthRequest {
  @ApiPropertyOptional({
    example: '10月城关镇月报经核实后更正到位资金，重新计算排名',
    description: 'Required to close a month again (the old snapshot is replaced and kept in the audit log)',
  })
  @IsOptional()
  @IsString()
  @MaxLength(REASON_MAX)
  reason?: string;
}
