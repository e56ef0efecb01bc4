// The demo list (demo mode only) is the login page's one table: index.vue imports this on demand, so Element Plus'
// table (~30 kB gzip with its CSS) comes with the list and never with the form of a real deployment.
import 'element-plus/es/components/base/style/css';
import 'element-plus/es/components/table/style/css';
import 'element-plus/es/components/table-column/style/css';

export { ElTable, ElTableColumn } from 'element-plus/es';
