import { createPinia } from 'pinia';
import { createApp } from 'vue';

import App from './app.vue';
import { i18n, getLocale } from './locales';
import { createAppRouter } from './router';
import { installAuthGuards } from './router/guards';
import { useAuthStore } from './stores/auth';

// Element Plus base variables and reset once; each component's own CSS comes with it (vite.config.ts).
import 'element-plus/theme-chalk/base.css';
import './styles/global.css';

document.documentElement.lang = getLocale();

const pinia = createPinia();
const auth = useAuthStore(pinia);
// The http client asks the store for tokens and tells it about 401s; it never imports the store itself.
auth.connectHttp();
const router = createAppRouter();
installAuthGuards(router, auth);

createApp(App).use(pinia).use(i18n).use(router).mount('#app');
