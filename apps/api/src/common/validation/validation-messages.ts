import type { ValidationError } from 'class-validator';
import { BUSINESS_DATE_MAX, BUSINESS_DATE_MIN, type ErrorDetail } from '@pacer/shared';

// zh-CN wording per class-validator constraint; the English text comes from the constraint itself
const ZH: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isDefined: '不能为空',
  isNotEmpty: '不能为空',
  isString: '必须是文本',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isBoolean: '必须是布尔值',
  isArray: '必须是数组',
  isObject: '必须是对象',
  isIn: '取值不在允许范围内',
  isEnum: '取值不在允许范围内',
  min: '小于允许的最小值',
  max: '大于允许的最大值',
  minLength: '长度不足',
  maxLength: '长度超出限制',
  arrayMinSize: '条目数不足',
  arrayMaxSize: '条目数超出限制',
  matches: '格式不正确',
  isDecimalString: '必须是金额文本（最多14位整数、4位小数，如 "1234.5"）',
  isMonth: '必须是 YYYY-MM 格式的月份',
  isIsoDate: '必须是 YYYY-MM-DD 格式的有效日期',
  isBusinessDate: `日期超出允许范围（${BUSINESS_DATE_MIN} 至 ${BUSINESS_DATE_MAX}）`,
  creditCodeFormat: '统一社会信用代码应为18位（数字或大写字母，不含 I、O、S、V、Z）',
  creditCodeCheck: '统一社会信用代码校验位不正确',
  nestedValidation: '内容无效',
  isRequiredDocuments: '应为各阶段（签约、开工、投产、入库、到位资金）所需佐证材料类别的列表，类别不能重复',
};

/** Flattens class-validator's tree into `[{ field: 'values.0.amountWan', code, message, messageEn }]`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    for (const [code, en] of Object.entries(error.constraints ?? {})) {
      details.push({ field, code, message: `${field}：${ZH[code] ?? '取值无效'}`, messageEn: en });
    }
    if (error.children?.length) details.push(...flattenValidationErrors(error.children, field));
  }
  return details;
}
