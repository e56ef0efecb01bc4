import type { Language } from 'element-plus/es/locale';
import en from 'element-plus/es/locale/lang/en';
import zhCn from 'element-plus/es/locale/lang/zh-cn';

import type { AppLocale } from '@/locales';

// Components come per use through unplugin-vue-components; the services called from scripts
// (ElMessage, ElMessageBox…) are not seen by it, so their styles are imported here once.
import 'element-plus/es/components/message/style/css';
import 'element-plus/es/components/message-box/style/css';

// Element Plus' own texts (pagination, date picker, empty states) follow the app's locale.
export const ELEMENT_PLUS_LOCALES: Record<AppLocale, Language> = {
  'zh-CN': zhCn,
  en,
};

export function elementPlusLocale(locale: AppLocale): Language {
  return ELEMENT_PLUS_LOCALES[locale];
}
