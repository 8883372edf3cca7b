app-name = 多合作伙伴门户
skip-to-content = 跳到主要内容
table-region-label = 表格（放不下时可左右滚动）
demo-badge = 演示
demo-badge-exposed = 演示模式已对网络开放：任何能访问此地址的人都可以以任意用户（包括运营方）身份登录
nav-label = 主导航
nav-home = 首页
nav-customers = 客户
nav-invitations = 邀请
nav-partners = 合作伙伴
nav-subscriptions = 订阅
nav-admin-overview = 概览
nav-admin-customers = 客户
nav-admin-relationships = 关系
nav-admin-invitations = 邀请
nav-admin-audit = 审计记录
sign-in = 登录
sign-out = 注销
footer-text = 由世纪互联运营的合作伙伴中心 · 云解决方案提供商多合作伙伴门户。

landing-title = 与多个合作伙伴合作，保留现有的一切
landing-lead = 经销商邀请客户建立经销商关系，并可申请委派管理权限。客户接受后，可在一处查看和管理其所有合作伙伴。
landing-how-heading = 工作方式
landing-partners-title = 面向合作伙伴
landing-partners-text = 创建经销商关系邀请，选择所需的管理角色及期限，并将链接发送给客户。
landing-customers-title = 面向客户
landing-customers-text = 查看合作伙伴请求的具体内容，然后接受或拒绝。您现有的合作伙伴保持不变。
landing-guarantee-title = 您拥有的一切都不会改变
landing-guarantee-text = 添加合作伙伴绝不会更改您现有的订阅、订阅条款、所有权或记录合作伙伴。

home-welcome = 欢迎，{ $name }
home-partner-intro = 邀请客户、跟踪您的邀请，并为与您合作的客户提供服务。
home-customer-intro = 查看与您合作的每个合作伙伴、各自拥有的访问权限，以及您的所有订阅。
home-operator-intro = 查看整个平台上的合作情况：客户、关系、邀请、管理访问权限和审计记录。
tile-partner-customers = 客户
tile-partner-customers-text = 与您有经销商关系的客户，以及您向其销售的订阅。
tile-partner-invitations = 邀请
tile-partner-invitations-text = 创建经销商关系邀请并跟踪其状态。
tile-customer-partners = 您的合作伙伴
tile-customer-partners-text = 与您合作的每个合作伙伴、其管理访问权限，以及结束关系。
tile-customer-subscriptions = 订阅
tile-customer-subscriptions-text = 您的所有订阅及其记录合作伙伴。
tile-admin-overview = 概览
tile-admin-overview-text = 平台统计，以及多合作伙伴每周的增长情况。
tile-admin-relationships = 关系
tile-admin-relationships-text = 所有经销商关系，可筛选、可导出。
tile-admin-audit = 审计记录
tile-admin-audit-text = 谁在何时做了什么，结果如何。

error-title = 出现问题
error-back-home = 返回首页
error-reference = 参考编号：{ $id }
error-400-text = 无法理解该请求。请检查您输入的内容后重试。
error-403-text = 您无权执行此操作。
error-404-text = 找不到该页面。它可能已被移动，或者您无权访问。
error-409-text = 当前状态下无法执行该操作。请刷新页面查看最新情况。
error-410-text = 该链接已失效。
error-413-text = 您提交的内容过大。
error-429-text = 尝试次数过多。请稍候再试。
error-500-text = 发生意外错误。错误已记录，请稍后重试。
error-503-text = 服务暂时不可用。请稍后重试。
error-csrf = 您的表单已过期或并非来自本网站。请返回、刷新页面后重试。
error-sign-in-required = 请登录后继续。
error-bad-language = 不支持该语言。

signin-failed-title = 登录未完成
signin-try-again = 重新登录
signin-error-expired = 登录耗时过长或已被使用。请重新开始。
signin-error-provider = 无法连接到标识提供者。请稍后重试。
signin-error-denied = 标识提供者未让您登录。
signin-error-invalid = 无法验证标识提供者的响应，因此您未能登录。
signin-error-identity = 您的帐户缺少本门户所需的组织和角色信息。请联系您的管理员。
signin-error-unknown-tenant = 您的组织尚未在本门户注册。合作伙伴组织由平台运营方注册；客户组织需由其全局管理员首先登录。
signin-error-tenant-mismatch = 您的帐户所属组织与本门户记录的组织不一致。请联系您的管理员。

demo-idp-title = 演示登录
demo-idp-notice = 这是内置的演示标识提供者，仅在演示模式下存在；在生产环境中，门户通过您组织的标识提供者登录。
demo-idp-choose = 选择要登录的用户
demo-idp-bad-request = 该登录请求对本演示提供者无效。

# 管理访问权限（客户和合作伙伴看到的相同）。
admin-access-until = 有效期至 { $date }
admin-access-expired-on = 已于 { $date } 过期
admin-access-removed-on = 已于 { $date } 移除
admin-access-terminated-on = 已由合作伙伴于 { $date } 终止
admin-access-terminated-by-you-on = 已由贵组织于 { $date } 终止
admin-access-removed-by-customer-on = 已由客户于 { $date } 移除
admin-access-no-end = 无结束日期
admin-access-auto-extend = 到期自动延长 180 天
admin-access-col-kind = 类型
admin-access-col-roles = 角色
admin-access-col-starts = 开始日期
admin-access-col-ends = 结束日期
admin-access-col-state = 状态
admin-access-history-heading = 管理访问权限历史记录

# 订阅与产品期限（客户和合作伙伴看到的相同）。
subscription-status-active = 有效
subscription-status-suspended = 已暂停
subscription-status-cancelled = 已取消
subscription-term-p1m = 1 个月
subscription-term-p1y = 1 年
subscription-term-p3y = 3 年
subscription-term-none = 无固定期限
# Before the page title when a submitted form comes back with errors.
title-error-prefix = 错误：
# Under a text field with a limit: how much of it the submitted text used.
form-char-count = 已输入 { $used } 个字符，最多 { $max } 个
# Beside a free-text field (a message, a reason) whose text is refused.
free-text-error-empty = 此项不能为空。
free-text-error-too-long = 文字最多 { $max } 个字符。
free-text-error-bidirectional = 文字中含有会改变周围文字方向的不可见字符（例如 U+202E），可能使文字读起来与实际内容不同。请重新输入，不要粘贴。
free-text-error-invisible = 文字中含有不可见字符（零宽空格或连接符、词连接符、字节顺序标记或标签字符），可能隐藏真实内容。请重新输入，不要粘贴。
free-text-error-control = 文字中含有控制字符。请使用纯文本：字母、数字、标点、空格、制表符和换行。
