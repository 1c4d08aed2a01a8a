// From the package itself, not a relative path: the language registers in the one registry of the page's
// @captchala/core (ESM or CommonJS alike), not in a copy bundled into this entry.
import { registerLocale } from '@captchala/core'

registerLocale('zh-CN', {
  token: '此验证已过期或已被使用，请重新验证。',
  config: '此页面暂时无法进行验证，请稍后再试。',
  loading: '验证无法加载。请检查网络连接或内容拦截插件，然后重试。',
  request: '验证未能完成，请稍后再试。',
  upstream: '验证服务暂无响应，请稍后再试。',
  visitor: '验证未通过，请重试。',
  policy: '验证暂时受限，请几分钟后再试。',
  expired: '验证已过期，请重新验证。',
  waiting: '验证加载中…',
  retry: '重试',
})
