import { Bell, Document, Key, OfficeBuilding, Setting, User } from '@element-plus/icons-vue';
import { markRaw } from 'vue';
import type { RouteRecordRaw } from 'vue-router';

import { Permission } from '@pacer/shared';

// 三员分立: accounts and the unit tree are the system administrator's (units.write, users.write put them in
// the menu); the audit log is the auditor's alone. Holders of the read permissions may still open the lists.
export const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin',
    name: 'admin',
    redirect: '/admin/units',
    meta: { titleKey: 'menu.admin', icon: markRaw(Setting), menuOrder: 70 },
    children: [
      {
        path: 'units',
        name: 'admin-units',
        component: () => import('@/views/admin/units/index.vue'),
        meta: {
          titleKey: 'menu.units',
          icon: markRaw(OfficeBuilding),
          menuOrder: 10,
          permission: Permission.UnitsRead,
          menuPermission: Permission.UnitsWrite,
        },
      },
      {
        path: 'users',
        name: 'admin-users',
        component: () => import('@/views/admin/users/index.vue'),
        meta: {
          titleKey: 'menu.users',
          icon: markRaw(User),
          menuOrder: 20,
          permission: Permission.UsersRead,
          menuPermission: Permission.UsersWrite,
        },
      },
      // 接口账号 (issue 12): the machine clients' API keys, the system administrator's (also linked from 用户管理)
      {
        path: 'service-accounts',
        name: 'admin-service-accounts',
        component: () => import('@/views/admin/service-accounts/index.vue'),
        meta: {
          titleKey: 'menu.serviceAccounts',
          icon: markRaw(Key),
          menuOrder: 30,
          permission: Permission.ServiceAccountsManage,
        },
      },
      // 通知渠道 (issue 13): 企业微信/钉钉 robots, the enterprise app and the people's accounts; in 系统管理's menu (also
      // linked from 用户管理's header and the sysadmins' failing-channel notice)
      {
        path: 'notification-channels',
        name: 'admin-notification-channels',
        component: () => import('@/views/admin/notification-channels/index.vue'),
        meta: {
          titleKey: 'menu.notificationChannels',
          icon: markRaw(Bell),
          menuOrder: 40,
          permission: Permission.NotificationChannelsManage,
        },
      },
    ],
  },
  {
    path: '/audit',
    name: 'audit',
    component: () => import('@/views/admin/audit/index.vue'),
    meta: {
      titleKey: 'menu.audit',
      icon: markRaw(Document),
      menuOrder: 80,
      permission: Permission.AuditRead,
    },
  },
];
