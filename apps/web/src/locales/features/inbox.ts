// 消息中心 (the bell in the header and its drawer): zh-CN is the source of the shape, English must match it.

export const inboxZhCN = {
  title: '消息中心',
  bell: '消息中心',
  bellUnread: '消息中心，{count} 条未读',
  all: '全部',
  unreadOnly: '未读',
  markAllRead: '全部标为已读',
  allRead: '已将 {count} 条消息标为已读',
  nothingUnread: '没有未读消息',
  empty: '暂无消息',
  emptyUnread: '没有未读消息',
  unread: '未读',
  total: '共 {total} 条，未读 {unread} 条',
};

export const inboxEn: typeof inboxZhCN = {
  title: 'Notifications',
  bell: 'Notifications',
  bellUnread: 'Notifications, {count} unread',
  all: 'All',
  unreadOnly: 'Unread',
  markAllRead: 'Mark all as read',
  allRead: '{count} messages marked as read',
  nothingUnread: 'No unread messages',
  empty: 'No messages yet',
  emptyUnread: 'No unread messages',
  unread: 'Unread',
  total: '{total} in all, {unread} unread',
};
