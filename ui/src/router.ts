import type { Component } from 'vue'
import { createRouter, createWebHashHistory, type RouteRecordRaw, type RouterHistory } from 'vue-router'
import {
  Calendar,
  ChatDotRound,
  Connection,
  DataAnalysis,
  Document,
  Flag,
  Help,
  House,
  OfficeBuilding,
  Setting,
  Trophy,
  Upload,
  User,
} from '@element-plus/icons-vue'

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's name, shown in the left navigation and as the page heading. */
    title?: string
    /** The Element Plus icon beside the name in the navigation. */
    icon?: Component
  }
}

/**
 * The app's pages, in the order the left navigation shows them. Each has a title
 * and an icon; the navigation in App.vue is drawn from this list, so adding a page
 * here adds its menu entry. Every page is a chunk of its own, loaded when first
 * opened: the start-up bundle holds only the frame (App.vue), which is drawn
 * while the first page loads.
 */
export const navRoutes = [
  { path: '/', name: 'overview', component: () => import('./pages/OverviewPage.vue'), meta: { title: '概览', icon: House } },
  { path: '/branches', name: 'branches', component: () => import('./pages/BranchesPage.vue'), meta: { title: '支部', icon: OfficeBuilding } },
  { path: '/members', name: 'members', component: () => import('./pages/MembersPage.vue'), meta: { title: '党员', icon: User } },
  { path: '/meetings', name: 'meetings', component: () => import('./pages/MeetingsPage.vue'), meta: { title: '组织生活', icon: Calendar } },
  { path: '/compliance', name: 'compliance', component: () => import('./pages/CompliancePage.vue'), meta: { title: '完成情况', icon: DataAnalysis } },
  { path: '/brands', name: 'brands', component: () => import('./pages/BrandsPage.vue'), meta: { title: '品牌与活动', icon: Flag } },
  { path: '/volunteer', name: 'volunteer', component: () => import('./pages/VolunteerPage.vue'), meta: { title: '志愿服务', icon: Help } },
  { path: '/partners', name: 'partners', component: () => import('./pages/PartnersPage.vue'), meta: { title: '联建共建', icon: Connection } },
  { path: '/honors', name: 'honors', component: () => import('./pages/HonorsPage.vue'), meta: { title: '荣誉', icon: Trophy } },
  { path: '/suggestions', name: 'suggestions', component: () => import('./pages/SuggestionsPage.vue'), meta: { title: '意见建议', icon: ChatDotRound } },
  { path: '/import', name: 'import', component: () => import('./pages/ImportPage.vue'), meta: { title: '导入', icon: Upload } },
  { path: '/reports', name: 'reports', component: () => import('./pages/ReportsPage.vue'), meta: { title: '报表', icon: Document } },
  { path: '/settings', name: 'settings', component: () => import('./pages/SettingsPage.vue'), meta: { title: '设置', icon: Setting } },
] satisfies RouteRecordRaw[]

const routes: RouteRecordRaw[] = [...navRoutes, { path: '/:pathMatch(.*)*', redirect: '/' }]

/**
 * Hash history: the app is served from Tauri's custom protocol, where only
 * index.html exists, so a reload must never ask for a path like /members.
 * Tests pass a memory history instead.
 */
export function createAppRouter(history: RouterHistory = createWebHashHistory()) {
  return createRouter({ history, routes })
}
