import { createPinia } from 'pinia';
import { createApp } from 'vue';

import App from './app.vue';
import { i18n, getLocale } from './locales';
import { createAppRouter } from './router';

// Element Plus base variables and reset once; each component's own CSS comes with it (vite.config.ts).
import 'element-plus/theme-chalk/base.css';
import './styles/global.css';

document.documentElement.lang = getLocale();

createApp(App).use(createPinia()).use(i18n).use(createAppRouter()).mount('#app');
