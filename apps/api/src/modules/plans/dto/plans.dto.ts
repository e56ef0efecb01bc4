import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTACHMENT_KINDS,
  CountCredit,
  OwnFigures,
  DEFAULT_REQUIRED_DOCUMENTS,
  EVIDENCE_STEPS,
  PlanStatus,
  ReadScreensMonth,
  VERIFICATION_REASON_MAX_LENGTH,
  VERIFICATION_REASONS_MAX,
  type CreatePlanRequest,
  type RankingGroup,
  type RequiredDocuments,
  type ScoringConfig,
  type UpdatePlanRequest,
} from '@pacer/shared';
import { Type } from 'class-transformer';
import {
  Allow,
  ArrayMaxSize,
  ArrayNotEmpty,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
} from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';

/** Optional, but when the key is present it must be valid (null included). */
const Present = () => ValidateIf((_, value) => value !== undefined);

/** 佐证材料 per step: only known steps, each a non-empty list of distinct known kinds. */
const IsRequiredDocuments = () =>
  ValidateBy({
    name: 'isRequiredDocuments',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'object' &&
        value !== null &&
        !Array.isArray(value) &&
        Object.entries(value).every(
          ([step, kinds]) =>
            (EVIDENCE_STEPS as readonly string[]).includes(step) &&
            Array.isArray(kinds) &&
            kinds.length >= 1 &&
            kinds.length <= ATTACHMENT_KINDS.length &&
            new Set(kinds).size === kinds.length &&
            kinds.every((k) => (ATTACHMENT_KINDS as readonly unknown[]).includes(k)),
        ),
      defaultMessage: () =>
        `requiredDocuments must map steps (${EVIDENCE_STEPS.join(', ')}) to non-empty lists of distinct kinds (${ATTACHMENT_KINDS.join(', ')})`,
    },
  });

/** Percentage points 0–100 with at most 2 decimals (numeric(6,2)). */
const YELLOW_BAND = /^(100(\.0{1,2})?|\d{1,2}(\.\d{1,2})?)$/;
/** numeric(6,2) ≥ 0: 0–9999.99. */
const SPIKE_FACTOR = /^\d{1,4}(\.\d{1,2})?$/;
const PLAN_STATUSES = Object.values(PlanStatus);
const COUNT_CREDITS = Object.values(CountCredit);
const READ_SCREENS_MONTHS = Object.values(ReadScreensMonth);
const OWN_FIGURES = Object.values(OwnFigures);

const EXAMPLE_GROUPS: RankingGroup[] = [
  { code: 'towns', name: '乡镇（街道）', categories: ['town'] },
  { code: 'others', name: '县直部门及园区', categories: ['department', 'park'] },
];
const EXAMPLE_SCORING: ScoringConfig = {
  items: [
    {
      code: 'funds',
      name: '实际到位资金',
      method: 'completion',
      indicator: 'funds_in_place',
      weight: '30',
      cap: '1.2',
    },
    {
      code: 'f500',
      name: '500强项目加分',
      method: 'bonus',
      rules: [{ counter: 'fortune500', points: '10', label: '世界500强项目' }],
      cap: '20',
    },
  ],
  coefficient: '1',
  listSize: 3,
};
// OpenAPI shapes of the JSON-valued settings (TypeScript metadata alone says "Array" or "Object")
const GROUPS_SCHEMA = {
  type: 'array' as const,
  items: {
    type: 'object' as const,
    properties: {
      code: { type: 'string' as const },
      name: { type: 'string' as const },
      categories: { type: 'array' as const, items: { type: 'string' as const } },
    },
  },
};
const SCORING_SCHEMA = { type: 'object' as const, additionalProperties: true };
const EXAMPLE_CURVE = [
  '0.05',
  '0.1',
  '0.2',
  '0.3',
  '0.4',
  '0.5',
  '0.58',
  '0.66',
  '0.75',
  '0.83',
  '0.92',
  '1',
];

// JSON-valued settings (curve, groups, chains, scoring) are marked @Allow() here and validated by the shared
// validators in PlansService, which name the exact nested field (`scoring.items.2.method`).

/** The plan's workflow and entry settings, the same on create and on update (each optional, defaults in docs/scoring.md §9). */
class PlanSettingsDto {
  @ApiPropertyOptional({
    example: true,
    description: '四眼原则 (default on): whoever last submitted a report cannot approve it',
  })
  @Present()
  @IsBoolean()
  requireFourEyes?: boolean;

  @ApiPropertyOptional({
    example: 6,
    description: '超时未开工: a signed project not started within this many months (1–36, default 6)',
  })
  @Present()
  @IsInt()
  @Min(1)
  @Max(36)
  lateStartMonths?: number;

  @ApiPropertyOptional({
    example: false,
    description: '工作进展 must be written before submitting (default off)',
  })
  @Present()
  @IsBoolean()
  requireProgressText?: boolean;

  @ApiPropertyOptional({
    example: '3',
    description:
      "A month's figure above this many times the unit's average approved month asks for confirmation (default 3; 0 = off)",
  })
  @Present()
  @Matches(SPIKE_FACTOR)
  spikeFactor?: string;

  @ApiPropertyOptional({
    enum: READ_SCREENS_MONTHS,
    example: 'latestClosed',
    description:
      'The month 驾驶舱/赛马榜/单位详情/大屏 open on without ?month=: latestClosed (default, the official month) or live (the first month not closed yet)',
  })
  @Present()
  @IsIn(READ_SCREENS_MONTHS)
  readScreensMonth?: ReadScreensMonth;

  @ApiPropertyOptional({
    enum: OWN_FIGURES,
    example: 'none',
    description:
      '本级 figures: none (default: the root only sums its units), parents (parents below the root show their own part as a （本级） line) or root (the root reports its own figures too — 县本级 — rolled up once with its units\')',
  })
  @Present()
  @IsIn(OWN_FIGURES)
  ownFigures?: OwnFigures;

  @ApiPropertyOptional({
    type: [String],
    example: ['佐证不足', '重复统计', '突击上报', '跨年重签', '不符合认定标准'],
    description: '不予认定 reasons the office picks from (1–20 distinct, each 1–20 characters)',
  })
  @Present()
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(VERIFICATION_REASONS_MAX)
  @ArrayUnique()
  @IsString({ each: true })
  @Length(1, VERIFICATION_REASON_MAX_LENGTH, { each: true })
  verificationReasons?: string[];

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(
      EVIDENCE_STEPS.map((s) => [s, { type: 'array', items: { type: 'string', enum: [...ATTACHMENT_KINDS] } }]),
    ),
    example: DEFAULT_REQUIRED_DOCUMENTS,
    description:
      '佐证材料 per step (signed, started, producing, registered, fund): the kinds of which one must be attached; a step left out needs none',
  })
  @Present()
  @IsRequiredDocuments()
  requiredDocuments?: RequiredDocuments;

  @ApiPropertyOptional({
    example: false,
    description: '通报 with a 产业链 section: per chain signed/started projects and funds of the month and year, leads in talks, gaps (default off)',
  })
  @Present()
  @IsBoolean()
  briefingChains?: boolean;
}

export class CreatePlanDto extends PlanSettingsDto implements CreatePlanRequest {
  @ApiProperty({ example: 2026 }) @IsInt() @Min(2000) @Max(2100) year: number;

  @ApiProperty({
    example: 1,
    description: 'The unit at the top of the plan (the county); its subtree is assessed',
  })
  @IsDbInt()
  rootUnitId: number;

  @ApiProperty({ example: '示范县2026年度招商引资目标责任考核' }) @IsString() @Length(1, 200) name: string;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'string' },
    example: EXAMPLE_CURVE,
    nullable: true,
    description: '12 cumulative fractions; null = linear m/12',
  })
  @Allow()
  curve?: string[] | null;

  @ApiPropertyOptional({ example: 5, description: 'Reports are due on this day of the following month' })
  @Present()
  @IsInt()
  @Min(1)
  @Max(28)
  reportDeadlineDay?: number;

  @ApiPropertyOptional({ example: 10, description: 'The month closes (ranking frozen) on this day' })
  @Present()
  @IsInt()
  @Min(1)
  @Max(28)
  monthCloseDay?: number;

  @ApiPropertyOptional({ example: '10', description: 'Yellow band in percentage points below time progress' })
  @Present()
  @Matches(YELLOW_BAND)
  yellowBand?: string;

  @ApiPropertyOptional({ ...GROUPS_SCHEMA, example: EXAMPLE_GROUPS }) @Allow() rankingGroups?: RankingGroup[];

  @ApiPropertyOptional({ example: 2 }) @Present() @IsInt() @Min(0) @Max(6) displayDecimals?: number;

  @ApiPropertyOptional({ enum: COUNT_CREDITS, example: 'responsible' })
  @Present()
  @IsIn(COUNT_CREDITS)
  countCredit?: CountCredit;

  @ApiPropertyOptional({ example: ['新能源汽车', '低空经济', '绿色食品加工'] })
  @Allow()
  industryChains?: string[];

  @ApiPropertyOptional({ ...SCORING_SCHEMA, example: EXAMPLE_SCORING }) @Allow() scoring?: ScoringConfig;
}

export class UpdatePlanDto extends PlanSettingsDto implements UpdatePlanRequest {
  @ApiProperty({ example: 3 }) @IsDbInt() version: number;

  @ApiPropertyOptional({ enum: PLAN_STATUSES, description: 'draft → published → closed, one step at a time' })
  @Present()
  @IsIn(PLAN_STATUSES)
  status?: PlanStatus;

  @ApiPropertyOptional({ example: '示范县2026年度招商引资目标责任考核（修订）' })
  @Present()
  @IsString()
  @Length(1, 200)
  name?: string;
  @ApiPropertyOptional({ type: 'array', items: { type: 'string' }, example: EXAMPLE_CURVE, nullable: true })
  @Allow()
  curve?: string[] | null;
  @ApiPropertyOptional({ example: 5 }) @Present() @IsInt() @Min(1) @Max(28) reportDeadlineDay?: number;
  @ApiPropertyOptional({ example: 10 }) @Present() @IsInt() @Min(1) @Max(28) monthCloseDay?: number;
  @ApiPropertyOptional({ example: '15' }) @Present() @Matches(YELLOW_BAND) yellowBand?: string;
  @ApiPropertyOptional({ ...GROUPS_SCHEMA, example: EXAMPLE_GROUPS }) @Allow() rankingGroups?: RankingGroup[];
  @ApiPropertyOptional({ example: 2 }) @Present() @IsInt() @Min(0) @Max(6) displayDecimals?: number;
  @ApiPropertyOptional({ enum: COUNT_CREDITS }) @Present() @IsIn(COUNT_CREDITS) countCredit?: CountCredit;
  @ApiPropertyOptional({ example: ['新能源汽车', '低空经济'] }) @Allow() industryChains?: string[];
  @ApiPropertyOptional({ ...SCORING_SCHEMA, example: EXAMPLE_SCORING }) @Allow() scoring?: ScoringConfig;
}

export class PlansQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}
