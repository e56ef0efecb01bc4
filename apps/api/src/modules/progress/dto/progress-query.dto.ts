import { ApiProperty } from '@nestjs/swagger';
import { MONTH_PATTERN } from '@pacer/shared';
import { Matches } from 'class-validator';

export class ProgressQueryDto {
  @ApiProperty({ example: '2026-06', description: 'A month of the plan year (YYYY-MM)' })
  @Matches(MONTH_PATTERN)
  month: string;
}
