// The source of truth for message keys: en.ts must match this shape (checked by the compiler).
export const zhCN = {
  app: {
    name: 'Pacer 招商引资目标考核平台',
    brand: 'Pacer',
    product: '招商引资目标考核平台',
  },
  locale: {
    label: '语言',
    'zh-CN': '简体中文',
    en: 'English',
  },
  menu: {
    dashboard: '驾驶舱',
    ranking: '赛马榜',
    reports: '月度填报',
    approvals: '审核',
    targets: '目标分解',
    projects: '项目台账',
    admin: '系统管理',
  },
  layout: {
    collapse: '收起菜单',
    expand: '展开菜单',
    guest: '未登录',
    login: '登录',
  },
  units: {
    yi: '亿元',
    wan: '万元',
  },
  comingSoon: {
    title: '{page}功能建设中',
    description: '该模块将在后续版本上线，敬请期待。',
    back: '返回驾驶舱',
  },
  notFound: {
    title: '页面不存在',
    description: '您访问的页面不存在或已被移除，请检查地址是否正确。',
    back: '返回首页',
  },
  login: {
    title: '用户登录',
    subtitle: '请使用单位分配的账号登录',
    username: '用户名',
    password: '密码',
    usernamePlaceholder: '请输入用户名',
    passwordPlaceholder: '请输入密码',
    submit: '登录',
    usernameRequired: '请输入用户名',
    passwordRequired: '请输入密码',
    tooLong: '不能超过 {max} 个字符',
    notReady: '登录服务尚未接入，敬请期待',
  },
  dashboard: {
    title: '驾驶舱',
    subtitle: '年度招商引资目标完成情况总览',
    health: {
      title: '服务状态',
      api: 'API 服务',
      ok: '正常',
      error: '异常',
      checking: '检测中',
      unknown: '未知',
      up: '连接正常',
      down: '连接失败',
      checkedAt: '检测时间',
      refresh: '重新检测',
      unreachable: '无法连接 API 服务',
      requestId: '请求编号',
      checks: {
        database: '数据库',
      },
    },
    demo: {
      title: '实际到位资金完成情况',
      tag: '演示数据',
      hint: '接入月度填报数据后，此处将显示真实的年度完成情况。',
    },
    gauge: {
      completion: '完成率',
      expected: '时间进度',
      actual: '累计完成',
      target: '年度目标',
      gap: '进度差（百分点）',
    },
  },
  errors: {
    network: '网络异常，无法连接服务器',
    timeout: '请求超时，请稍后重试',
    http: '服务器返回错误（HTTP {status}）',
    unavailable: 'API 服务暂不可用（HTTP {status}），请稍后重试或联系系统管理员',
    invalidResponse: '服务器响应格式不正确',
  },
};

export type MessageSchema = typeof zhCN;
