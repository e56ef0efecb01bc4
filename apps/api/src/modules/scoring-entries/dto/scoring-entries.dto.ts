import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { type CreateScoringEntryRequest, type DeleteScoringEntryRequest, MONTH_PATTERN } from '@pacer/shared';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';
import { OptionalNotNull } from '../../../common/validation/optional-not-null';
import { REASON_MAX } from '../../rankings/dto/rankings.dto';

// numeric(12,4) in the table: up to 8 integer digits and 4 decimals
const ENTRY_AMOUNT = /^\d{1,8}(\.\d{1,4})?$/;

export class CreateScoringEntryDto implements CreateScoringEntryRequest {
  @ApiProperty({ example: 12, description: 'A unit of the plan (not its root)' })
  @IsDbInt()
  unitId: number;

  @ApiProperty({ example: 'integrity', description: 'A bonus, deduction or band-shortfall item of the plan' })
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_-]{0,39}$/)
  itemCode: string;

  @ApiProperty({
    example: '2026-09',
    description: 'The first month the entry counts in (YYYY-MM, the plan year)',
  })
  @Matches(MONTH_PATTERN)
  month: string;

  @ApiPropertyOptional({ example: 'falsified', description: "One of the item's counters; with `count`" })
  @OptionalNotNull()
  @IsString()
  @Matches(/^[A-Za-z][A-Za-z0-9_.-]{0,39}$/)
  counter?: string;

  @ApiPropertyOptional({
    example: '1',
    description: 'How many (≥ 0) of `counter`; 0 records "reported none" (报无), unlike no entry',
  })
  @OptionalNotNull()
  @IsString()
  @Matches(ENTRY_AMOUNT)
  count?: string;

  @ApiPropertyOptional({
    example: '0.5',
    description: 'Points (> 0) added by a bonus item or taken off by a deduction item',
  })
  @OptionalNotNull()
  @IsString()
  @Matches(ENTRY_AMOUNT)
  points?: string;

  @ApiProperty({ example: '青山镇上报的某食品加工项目到位资金经核查系虚报，按考核办法扣分' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_MAX)
  reason: string;
}

export class DeleteScoringEntryDto implements DeleteScoringEntryRequest {
  @ApiProperty({ example: '经复核，该项目资金已补充到位，撤销扣分' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(REASON_MAX)
  reason: string;
}
