import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  CHANNEL_KINDS,
  CHANNEL_MESSAGE_TYPES,
  type ChannelKind,
  type ChannelMessageType,
  NOTIFICATION_KINDS,
  type NotificationKind,
  type SaveChannelAccountRequest,
  type SaveNotificationChannelRequest,
} from '@pacer/shared';
import {
  ArrayMaxSize,
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
  ValidateIf,
} from 'class-validator';

import { IsDbInt } from '../../../common/validation/db-int';

export class SaveNotificationChannelDto implements SaveNotificationChannelRequest {
  @ApiProperty({ enum: CHANNEL_KINDS, example: 'wecom_robot' })
  @IsIn(CHANNEL_KINDS)
  kind: ChannelKind;

  @ApiProperty({ example: '城关镇招商工作群' })
  @IsString()
  @Length(1, 100)
  @Matches(/\S/)
  name: string;

  @ApiProperty({ nullable: true, example: 2, description: "The unit whose group this is; null: the office's group" })
  @ValidateIf((_o, v) => v !== null)
  @IsDbInt()
  unitId: number | null;

  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true, example: ['report.remind', 'report.late'] })
  @IsArray()
  @ArrayUnique()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @IsIn(NOTIFICATION_KINDS, { each: true })
  noticeKinds: NotificationKind[];

  @ApiPropertyOptional({ enum: CHANNEL_MESSAGE_TYPES, description: '钉钉 only: markdown (default) or actionCard' })
  @IsOptional()
  @IsIn(CHANNEL_MESSAGE_TYPES)
  messageType?: ChannelMessageType;

  @ApiProperty({ example: true })
  @IsBoolean()
  enabled: boolean;

  @ApiPropertyOptional({
    writeOnly: true,
    example: '693a91f6-8b6c-4bc4-97a0-0ec2bf8a5aaa',
    description: '企业微信 webhook key / 钉钉 access_token / webhook URL; required on create, omitted on update keeps it',
  })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  token?: string;

  @ApiPropertyOptional({ writeOnly: true, nullable: true, description: '钉钉 加签 secret (SEC…); omitted keeps it, null clears it' })
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(1, 200)
  secret?: string | null;

  @ApiPropertyOptional({ example: 'ww8a7f1c2e3d4b5a69', description: '企业微信 corpid / 钉钉 AppKey (the enterprise apps only)' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  appKey?: string;

  @ApiPropertyOptional({ example: 1000002, description: '企业微信 agentid / 钉钉 agent_id (the enterprise apps only)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  agentId?: number;
}

/** A user's 企业微信 UserID and 钉钉 userid: null or blank removes one. */
export class SaveChannelAccountDto implements SaveChannelAccountRequest {
  @ApiProperty({ nullable: true, example: 'ZhangWei' })
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(0, 64)
  wecomUserId: string | null;

  @ApiProperty({ nullable: true, example: '0123456789012345' })
  @ValidateIf((_o, v) => v !== null)
  @IsString()
  @Length(0, 64)
  dingtalkUserId: string | null;
}
