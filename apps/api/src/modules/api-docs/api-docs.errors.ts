import { HttpStatus } from '@nestjs/common';
import { ErrorCode } from '@pacer/shared';

import { ApiException } from '../../common/exceptions/api.exception';

/** In `login` mode the docs answer only a caller with a valid access token (bearer header or the docs cookie). */
export const docsLoginRequired = () =>
  new ApiException(
    HttpStatus.UNAUTHORIZED,
    ErrorCode.Unauthenticated,
    '接口文档需要登录：请登录 Pacer 后从“系统管理 → 接口文档”打开，或携带 Authorization: Bearer 访问令牌',
    'The API docs need a login: open them from 系统管理 → 接口文档 in Pacer, or send Authorization: Bearer <access token>',
  );
