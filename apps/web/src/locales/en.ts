import type { MessageSchema } from './zh-CN';

export const en: MessageSchema = {
  app: {
    name: 'Pacer Investment Promotion Targets',
    brand: 'Pacer',
    product: 'Investment Promotion Targets',
  },
  locale: {
    label: 'Language',
    'zh-CN': '简体中文',
    en: 'English',
  },
  menu: {
    dashboard: 'Dashboard',
    ranking: 'Ranking',
    reports: 'Monthly reports',
    approvals: 'Approvals',
    targets: 'Targets',
    projects: 'Projects',
    admin: 'Administration',
  },
  layout: {
    collapse: 'Collapse menu',
    expand: 'Expand menu',
    guest: 'Not signed in',
    login: 'Sign in',
  },
  units: {
    yi: '100M CNY',
    wan: '10K CNY',
  },
  comingSoon: {
    title: '{page}: coming soon',
    description: 'This module will be available in a later release.',
    back: 'Back to dashboard',
  },
  notFound: {
    title: 'Page not found',
    description: 'The page you asked for does not exist or has been removed. Please check the address.',
    back: 'Back to home',
  },
  login: {
    title: 'Sign in',
    subtitle: 'Use the account issued to your unit',
    username: 'Username',
    password: 'Password',
    usernamePlaceholder: 'Enter your username',
    passwordPlaceholder: 'Enter your password',
    submit: 'Sign in',
    usernameRequired: 'Please enter your username',
    passwordRequired: 'Please enter your password',
    tooLong: 'At most {max} characters',
    notReady: 'Sign-in is not connected yet',
  },
  dashboard: {
    title: 'Dashboard',
    subtitle: 'Progress of this year’s investment-promotion targets',
    health: {
      title: 'Service status',
      api: 'API service',
      ok: 'OK',
      error: 'Error',
      checking: 'Checking',
      unknown: 'Unknown',
      up: 'Up',
      down: 'Down',
      checkedAt: 'Checked at',
      refresh: 'Check again',
      unreachable: 'Cannot reach the API service',
      requestId: 'Request ID',
      checks: {
        database: 'Database',
      },
    },
    demo: {
      title: 'Funds in place vs target',
      tag: 'Demo data',
      hint: 'Real year-to-date figures appear here once monthly reports are connected.',
    },
    gauge: {
      completion: 'Completion',
      expected: 'Time progress',
      actual: 'Year to date',
      target: 'Annual target',
      gap: 'Gap (pp)',
    },
  },
  errors: {
    network: 'Network error: cannot reach the server',
    timeout: 'The request timed out, please try again',
    http: 'The server answered with an error (HTTP {status})',
    unavailable:
      'The API service is unavailable (HTTP {status}); try again later or contact the administrator',
    invalidResponse: 'The server sent an unexpected response',
  },
};
