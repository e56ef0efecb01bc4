// The phone layout (≤ 768 px): the shell's menu, the reporter's home card and the phone variants of the report form.
// zh-CN is the source of the shape, English must match it.

export const phoneZhCN = {
  openMenu: '打开菜单',
  myReport: {
    title: '本单位本月月报',
    loading: '正在读取本月月报…',
    noPlan: '暂无考核方案',
    noUnit: '您的账号尚未绑定填报单位，请联系系统管理员',
    notStarted: '尚未开始填报',
    deadline: '截止 {date}',
    daysLeft: '还剩 {days} 天',
    dueToday: '今天截止',
    overdue: '已逾期 {days} 天',
    returnedReason: '退回原因：{reason}',
    fill: '去填报',
    view: '查看月报',
    progress: '本单位进度与排名',
  },
  lines: {
    lastMonth: '上月',
    ytd: '截至本月累计',
    ytdBefore: '此前已审核',
    target: '年度目标',
    completion: '完成率',
  },
  historyToggle: '流转记录（{count} 条）',
};

export const phoneEn: typeof phoneZhCN = {
  openMenu: 'Open the menu',
  myReport: {
    title: "This month's report of my unit",
    loading: "Loading this month's report…",
    noPlan: 'No assessment plan yet',
    noUnit: 'Your account is not linked to a reporting unit; ask the system administrator',
    notStarted: 'Not started yet',
    deadline: 'Due {date}',
    daysLeft: '{days} days left',
    dueToday: 'Due today',
    overdue: '{days} days overdue',
    returnedReason: 'Returned: {reason}',
    fill: 'Fill in',
    view: 'Open the report',
    progress: "My unit's progress and rank",
  },
  lines: {
    lastMonth: 'Last month',
    ytd: 'Year to date',
    ytdBefore: 'Approved before',
    target: 'Annual target',
    completion: 'Completion',
  },
  historyToggle: 'History ({count})',
};
