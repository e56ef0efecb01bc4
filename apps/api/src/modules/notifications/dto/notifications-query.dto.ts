import { ApiPropertyOptional } from '@nestjs/swagger';
import type { NotificationsQuery } from '@pacer/shared';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 200;

const BOOLEAN_TEXT: Readonly<Record<string, boolean>> = { true: true, '1': true, false: false, '0': false };

// query values are text: only plain digits become a number ('1e3', '2.5', '0x10' stay text and fail IsInt)
const WholeNumber = () =>
  Transform(({ value }) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value));

export class NotificationsQueryDto implements NotificationsQuery {
  @ApiPropertyOptional({ example: true, description: 'Only unread messages (true/false)' })
  @IsOptional()
  // a query value is text: only true/false/1/0 become a boolean, anything else fails IsBoolean
  @Transform(({ value }) =>
    typeof value === 'string' && Object.hasOwn(BOOLEAN_TEXT, value) ? BOOLEAN_TEXT[value] : value,
  )
  @IsBoolean()
  unreadOnly?: boolean;

  @ApiPropertyOptional({ example: 1 })
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ example: 50 })
  @IsOptional()
  @WholeNumber()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  pageSize?: number;
}
