// The visitor's words in every language the gallery offers: each entry registers itself once imported (a page
// that serves one language imports only that one).
import '@captchala/core/locales/zh-CN'
import '@captchala/core/locales/zh-TW'
import '@captchala/core/locales/ja'
import '@captchala/core/locales/ko'
import '@captchala/core/locales/ms'
import '@captchala/core/locales/vi'
import '@captchala/core/locales/id'
