// The start-up benchmark's yardstick (scripts/bench-startup.sh): the same Tauri app
// serving a bare Vue page that draws a header and nothing else. Built only by
// `vite build --mode bare`; never part of the app.
import { createApp, h } from 'vue'
import { markPainted } from './benchMark'

createApp({ render: () => h('header', { style: 'height:56px;background:#b3121f;color:#fff' }, '党建台账') }).mount('#app')
markPainted()
