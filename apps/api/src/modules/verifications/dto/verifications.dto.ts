import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  MONTH_PATTERN,
  VERIFICATION_KINDS,
  VERIFICATION_QUEUE_STATUSES,
  VERIFICATION_REASON_MAX_LENGTH,
  type VerificationAppealRequest,
  type VerificationDecisionRequest,
  type VerificationKind,
  type VerificationQueueStatus,
  type VerificationsQuery,
} from '@pacer/shared';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';
import { OptionalNotNull } from '../../../common/validation/optional-not-null';

const NOT_BLANK = /\S/;
export const VERIFICATION_DECISIONS = ['verified', 'rejected'] as const;
export const NOTE_MAX = 500;
export const VERIFICATIONS_MAX_PAGE_SIZE = 200;

export class VerificationsQueryDto implements VerificationsQuery {
  @ApiPropertyOptional({
    enum: VERIFICATION_QUEUE_STATUSES,
    description: 'pending (待认定, appeals included), appealed (申诉), verified (已认定), rejected (不予认定)',
  })
  @IsOptional()
  @IsIn(VERIFICATION_QUEUE_STATUSES)
  status?: VerificationQueueStatus;

  @ApiPropertyOptional({ description: "The project's responsible unit is this unit or below it" })
  @IsOptional()
  @Type(() => Number)
  @IsDbInt()
  unitId?: number;

  @ApiPropertyOptional({ enum: VERIFICATION_KINDS })
  @IsOptional()
  @IsIn(VERIFICATION_KINDS)
  kind?: VerificationKind;

  @ApiPropertyOptional({ example: '2026-11', description: "The event's month (its date, or the fund month)" })
  @IsOptional()
  @Matches(MONTH_PATTERN)
  month?: string;

  @ApiPropertyOptional({ description: "One project's events (the project page)" })
  @IsOptional()
  @Type(() => Number)
  @IsDbInt()
  projectId?: number;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  page?: number;

  @ApiPropertyOptional({ example: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(VERIFICATIONS_MAX_PAGE_SIZE)
  pageSize?: number;
}

export class VerificationDecisionDto implements VerificationDecisionRequest {
  @ApiProperty({ enum: VERIFICATION_DECISIONS, example: 'verified', description: '已认定 or 不予认定' })
  @IsIn(VERIFICATION_DECISIONS)
  decision: 'verified' | 'rejected';

  @ApiPropertyOptional({ example: '佐证不足', description: "Required to reject: one of the plan's reasons" })
  @OptionalNotNull()
  @IsString()
  @Length(1, VERIFICATION_REASON_MAX_LENGTH)
  reason?: string;

  @ApiPropertyOptional({ example: '合同复印件缺少双方盖章页，请补充后申诉' })
  @OptionalNotNull()
  @IsString()
  @Length(1, NOTE_MAX)
  @Matches(NOT_BLANK)
  note?: string;

  @ApiProperty({ example: 1, description: 'The version the office saw; 409 when the event changed since' })
  @IsInt()
  @Min(1)
  version: number;
}

export class VerificationAppealDto implements VerificationAppealRequest {
  @ApiProperty({ example: '已补充加盖双方公章的合同原件扫描件，请复核' })
  @IsString()
  @Length(1, NOTE_MAX)
  @Matches(NOT_BLANK)
  note: string;

  @ApiProperty({ example: 2 })
  @IsInt()
  @Min(1)
  version: number;
}
