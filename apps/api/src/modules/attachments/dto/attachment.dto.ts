import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ATTACHMENT_KINDS,
  type AttachmentKind,
  type AttachmentsQuery,
  MONTH_PATTERN,
  type RemoveAttachmentRequest,
  type UploadAttachmentRequest,
} from '@pacer/shared';
import { IsBoolean, IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Transform, Type } from 'class-transformer';

import { IsDbInt } from '../../../common/validation/db-int';

const NOT_BLANK = /\S/;

/** The text parts of the multipart upload (validated after the stream is read, like a JSON body). */
export class UploadAttachmentDto implements UploadAttachmentRequest {
  @ApiProperty({
    enum: ATTACHMENT_KINDS,
    example: 'contract',
    description: '合同 营业执照 施工许可 开工照片 资金凭证 其他',
  })
  @IsIn(ATTACHMENT_KINDS)
  kind: AttachmentKind;

  @ApiPropertyOptional({ example: 12, description: 'A stage event of the project the file supports' })
  @IsOptional()
  @IsDbInt()
  eventId?: number;

  @ApiPropertyOptional({
    example: '2026-04',
    description: 'A month of the project’s 到位资金 the file supports',
  })
  @IsOptional()
  @Matches(MONTH_PATTERN)
  fundMonth?: string;

  @ApiPropertyOptional({ example: '双方盖章的投资协议扫描件' })
  @IsOptional()
  @IsString()
  @Length(0, 500)
  note?: string;
}

export class RemoveAttachmentDto implements RemoveAttachmentRequest {
  @ApiProperty({ example: '上传错了项目，已在正确项目重新上传' })
  @IsString()
  @Length(2, 500)
  @Matches(NOT_BLANK)
  reason: string;
}

export class AttachmentsQueryDto implements AttachmentsQuery {
  @ApiPropertyOptional({ example: 1, description: 'The plan whose required documents make the checklist' })
  @IsOptional()
  @Type(() => Number)
  @IsDbInt()
  planId?: number;

  @ApiPropertyOptional({ description: 'Removed ones too (admin only)' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  includeRemoved?: boolean;
}
