import { createApp } from 'vue'
import { createPinia } from 'pinia'
// Element Plus's CSS variables, used by styles.css and the app's own styles; each
// component brings its own CSS (vite.config.ts).
import 'element-plus/theme-chalk/base.css'
import './styles.css'
import App from './App.vue'
import { createAppRouter } from './router'
import { markPainted } from './benchMark'
import { configureElementPlus, elementPlusConfigured } from './elementPlus'

const router = createAppRouter()
// No page draws before Element Plus is set up (it loads while the frame is drawn).
router.beforeEach(() => elementPlusConfigured())
const app = createApp(App)
configureElementPlus(app)
app.use(createPinia()).use(router).mount('#app')
// The first screen is the frame (header, navigation, a skeleton where the page
// goes), drawn at once; the first page's chunk and data follow.
markPainted()
