import { createApp } from 'vue'
import { createPinia } from 'pinia'
// Element Plus's CSS variables, used by styles.css and the app's own styles; each
// component brings its own CSS (vite.config.ts).
import 'element-plus/theme-chalk/base.css'
import './styles.css'
import App from './App.vue'
import { createAppRouter } from './router'

createApp(App).use(createPinia()).use(createAppRouter()).mount('#app')
