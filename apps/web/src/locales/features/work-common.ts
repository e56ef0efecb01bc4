// Messages shared by the business screens (plan context, measures, lights, the reason dialog).
// zh-CN is the source of the shape; the English object must match it (checked by the compiler).

export const planContextZhCN = {
  planPlaceholder: '选择年度计划',
  monthPlaceholder: '选择月份',
  monthLabel: '{year}年{month}月',
  noPlan: '还没有可用的年度计划，请先由管理员创建并发布计划',
  status: {
    draft: '草稿',
    published: '已发布',
    closed: '已结束',
  },
};

export const planContextEn: typeof planContextZhCN = {
  planPlaceholder: 'Choose a plan',
  monthPlaceholder: 'Choose a month',
  monthLabel: '{year}-{month}',
  noPlan: 'There is no plan yet; an administrator must create and publish one first',
  status: {
    draft: 'Draft',
    published: 'Published',
    closed: 'Closed',
  },
};

export const measuresZhCN = {
  yi: '亿元',
  wan: '万元',
  ge: '个',
  ci: '次',
  tiao: '条',
  jia: '家',
  pici: '批次',
  renci: '人次',
  percent: '%',
  wanUsd: '万美元',
};

export const measuresEn: typeof measuresZhCN = {
  yi: '100M CNY',
  wan: '10K CNY',
  ge: '',
  ci: 'times',
  tiao: 'items',
  jia: 'enterprises',
  pici: 'batches',
  renci: 'person-visits',
  percent: '%',
  wanUsd: '10K USD',
};

export const lightsZhCN = {
  green: '绿灯：达到或超过时间进度',
  yellow: '黄灯：略低于时间进度',
  red: '红灯：明显落后于时间进度',
};

export const lightsEn: typeof lightsZhCN = {
  green: 'Green: at or ahead of time progress',
  yellow: 'Yellow: slightly behind time progress',
  red: 'Red: well behind time progress',
};

export const reasonDialogZhCN = {
  label: '原因',
  placeholder: '请填写原因（将记入审计日志）',
  required: '请填写原因',
};

export const reasonDialogEn: typeof reasonDialogZhCN = {
  label: 'Reason',
  placeholder: 'Give the reason (it is kept in the audit log)',
  required: 'A reason is required',
};
