import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { BriefingFileQuery, PublishBriefingRequest } from '@pacer/shared';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class PublishBriefingDto implements PublishBriefingRequest {
  @ApiProperty({ example: 2, description: 'The draft version to publish' })
  @IsInt()
  @Min(1)
  @Max(100000)
  version: number;
}

export class BriefingFileQueryDto implements BriefingFileQuery {
  @ApiPropertyOptional({
    example: 2,
    description: 'A version; without it the latest published, else (admin, leader) the latest draft',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100000)
  version?: number;
}
