# 合作伙伴端：客户（仅显示本合作伙伴销售的订阅）、下新订单、经销商关系邀请。
# 与 locales/en/partner.ftl 保持一致（键相同）。

## 业务流程使用的消息

invitation-error-provider-required = 间接经销商的邀请必须指明你所代表的间接提供商。
invitation-error-provider-not-allowed = 只有间接经销商才需要指明间接提供商。请不要选择提供商。
invitation-error-provider-not-associated = 该间接提供商未与你的组织建立合作。请从你的提供商中选择。
invitation-error-not-pending = 此邀请已不处于待处理状态，无法撤销。未做任何更改。
invitation-error-broken = 此邀请存储的信息不一致，无法使用。请向合作伙伴索取新的邀请。
order-error-no-relationship = 你与该客户已没有有效的经销商关系，无法下单。未做任何更改。
order-error-offer = 请从产品目录中选择一个产品。

## 邀请表单错误

invitation-error-summary = 请更正以下内容。尚未创建任何邀请。
invitation-error-access = 请选择邀请所请求的内容。
invitation-error-admin-access-admin-agent = 只有管理代理可以向客户请求管理权限（DAP 或 GDAP）。请只邀请建立经销商关系，或请你组织中的管理代理发出邀请。
invitation-error-roles-none = 请为精细委派管理特权 (GDAP) 至少选择一个角色。
invitation-error-role-unknown = 有一个角色不在 GDAP 角色目录中。请从列表中选择角色。
invitation-error-duration = 期限为 1 到 730 之间的整数天数。
invitation-error-auto-extend-global-admin = 角色中包含全局管理员时不允许自动续期。请取消勾选其中一项。
invitation-error-domain = 请输入域名，例如 contoso.partner.onmschina.cn（字母、数字、连字符和点），或留空。
invitation-error-expiry = 链接有效期为 1 到 90 天。
invitation-error-provider-invalid = 请从列表中选择一个间接提供商。

## 操作后的一次性消息

invitation-flash-revoked = 邀请已撤销，其链接已失效。其他内容均未更改。
order-flash-placed = 订单已提交。新订阅的记录合作伙伴为你的组织；其他订阅均未更改。

## 邀请：通用词语

invitation-col-created = 创建时间
invitation-col-invitation = 邀请（名称或创建时间）
invitation-col-name = 名称
invitation-form-name-label = 名称（可选）
invitation-form-name-hint = 只有你能在邀请列表中看到它。最多 { $max } 个字符。
invitation-error-name = 名称必须是不超过 50 个字符的单行文本。
invitation-filter-state = 状态
invitation-filter-any = 任意状态
invitation-filter-apply = 显示
invitation-list-none-in-state = 没有处于此状态的邀请。
invitation-error-state = 这不是邀请可能处于的状态。
invitation-reissue-action = 重新发出链接
invitation-reissue-title = 要重新发出此邀请的链接吗？
invitation-reissue-effect-new = 将生成一个新链接，并只向你显示一次，同时附上可发送的电子邮件文本。
invitation-reissue-effect-old = 旧链接立即失效：打开时与任何不存在的链接相同。
invitation-reissue-effect-same = 其他一切保持不变：邀请所请求的内容，以及其 { $date } 的到期时间。
invitation-reissue-confirm = 生成新链接
invitation-reissue-not-pending = 只有待处理的邀请才能获得新链接。未做任何更改。
invitation-reissued-title = 新的邀请链接
invitation-reissued-old-link = 之前的链接已失效。
invitation-col-access = 请求的权限
invitation-col-state = 状态
invitation-col-created-by = 创建者
invitation-col-expires = 链接到期
invitation-col-customer = 接受或拒绝的客户
invitation-roles = 角色
invitation-duration = 期限
invitation-duration-days = { $days } 天
invitation-auto-extend = 自动续期
invitation-auto-extend-on = 到期时自动续期 180 天
invitation-auto-extend-off = 不自动续期
invitation-provider = 间接提供商
invitation-customer-domain = 适用客户
invitation-any-customer = 任何打开链接的客户
invitation-only-for = 仅限 { $domain }
invitation-message = 留言
invitation-created-by-on = { $name }，{ $date }
invitation-accepted = 已接受
invitation-declined = 已拒绝
invitation-revoked = 已撤销
invitation-back = 返回邀请列表
invitation-back-to-invitation = 返回邀请
invitation-cancel = 取消

## 邀请列表

invitation-list-title = 邀请
invitation-list-lead = { $partner } 发出的经销商关系邀请，最新的在前。待处理的邀请在客户做出决定前可以撤销。
invitation-list-new = 新建邀请
invitation-list-empty = 你还没有发出任何邀请。创建一个邀请，然后将链接发送给客户的全局管理员。
invitation-list-no-more = 没有更早的邀请了。
invitation-list-paging = 分页
invitation-list-newest = 最新的邀请
invitation-list-older = 更早的邀请

## 新建邀请

invitation-new-title = 新建经销商关系邀请
invitation-new-lead = 选择 { $partner } 向客户请求的内容。客户的全局管理员在接受或拒绝之前会看到完全相同的内容，并保留其现有的所有合作伙伴。
invitation-form-provider-label = 你所代表的间接提供商
invitation-form-provider-choose = 选择提供商
invitation-form-provider-hint = 作为间接经销商，你通过间接提供商进行销售。接受邀请会同时与该提供商和你建立关系。
invitation-form-provider-none = 你的组织尚未与任何间接提供商建立合作，因此无法邀请客户。请联系你的提供商建立关联。
invitation-form-access-legend = 你请求什么？
invitation-form-access-reseller-hint = 仅经销商关系：你可以向客户销售，但没有管理权限。
invitation-form-access-dap-hint = 另加传统委派管理：你的管理代理在客户组织中成为全局管理员，支持代理成为支持管理员，没有结束日期。
invitation-form-access-gdap-hint = 另加下面选择的精细、有时限的管理角色。Microsoft 建议使用 GDAP，并只请求所需的最少角色。
invitation-form-sales-agent-note = 作为销售代理，你只能邀请建立经销商关系：管理权限（DAP 或 GDAP）由你组织中的管理代理请求。
invitation-form-gdap-legend = 精细委派管理特权 (GDAP)
invitation-form-gdap-hint = 仅当你在上面选择 GDAP 时使用。
invitation-form-roles-legend = 你请求的角色
invitation-form-duration-label = 期限（天）
invitation-form-duration-hint = 1 到 730 天（两年），从客户接受之日起计算。
invitation-form-auto-extend-label = 到期时自动续期 180 天
invitation-form-auto-extend-hint = 角色中包含全局管理员时不允许。客户可以随时移除该权限。
invitation-form-domain-label = 客户域名（可选）
invitation-form-domain-hint = 如果填写，只有默认域名为此域名（例如 contoso.partner.onmschina.cn）的客户才能接受。留空则任何客户均可接受。
invitation-form-message-label = 给客户的留言（可选）
invitation-form-message-hint = 随邀请一起显示给客户。最多 { $max } 个字符。
invitation-form-expiry-label = 链接有效期（天）
invitation-form-expiry-hint = 默认 7 天，最长 90 天。链接是机密信息：有效期越短越安全。
invitation-form-submit = 创建邀请

## 邀请已创建（链接只显示一次）

invitation-created-title = 邀请已创建
invitation-created-once = 链接仅在此显示一次。链接不会被存储，因此无法再次显示：请立即复制链接或下面的电子邮件。如果丢失，请撤销此邀请并创建新的邀请。
invitation-created-send-heading = 发送给客户
invitation-created-send-text = 请将此电子邮件发送给客户组织的全局管理员。任何持有链接的人都能打开邀请，因此请只发送给客户。
invitation-created-subject = 主题
invitation-created-body = 正文
invitation-created-select-hint = 如不使用按钮复制，请选中文本，然后使用键盘或右键菜单复制。
invitation-copy-subject = 复制主题
invitation-copy-link = 复制链接
invitation-copy-email = 复制邮件正文
invitation-copied-subject = 主题已复制。
invitation-copied-link = 链接已复制。
invitation-copied-email = 邮件正文已复制。
invitation-created-summary = 邀请请求的内容
invitation-created-view = 查看邀请

## 可直接发送的电子邮件

invitation-email-subject = { $partner } 邀请你建立经销商关系
invitation-email-greeting = 你好：
invitation-email-intro = { $partner } 邀请贵组织在由世纪互联运营的合作伙伴中心建立经销商关系。
invitation-email-intro-with-id = { $partner }（合作伙伴 ID { $id }）邀请贵组织在由世纪互联运营的合作伙伴中心建立经销商关系。
invitation-email-provider = { $partner } 通过其间接提供商 { $provider } 进行销售；接受邀请将同时与两者建立关系。
invitation-email-dap = { $partner } 还请求贵组织的委派管理特权。
invitation-email-gdap = 我们还请求以下管理角色，期限 { $days } 天：{ $roles }。
invitation-email-role-separator = 、
invitation-email-auto-extend = 除非你移除，这些角色到期时会自动续期 180 天。
invitation-email-domain = 此邀请适用于域名为 { $domain } 的组织。
invitation-email-open = 请以贵组织全局管理员身份登录并打开以下链接，查看所请求的内容，然后接受或拒绝：
invitation-email-expires = 链接有效期至 { $date }。
invitation-email-guarantee = 接受邀请会保留你的所有其他合作伙伴，不会更改你现有的订阅、订阅条款或其记录合作伙伴。
invitation-email-signature = 此致，{ $name }，{ $partner }

## 邀请详情与撤销

invitation-detail-title = 邀请
invitation-link-not-shown = 链接仅在创建邀请时显示。如果丢失，请撤销此邀请并创建新的邀请。
invitation-revoke-action = 撤销邀请
invitation-revoke-title = 撤销此邀请？
invitation-revoke-what-happens = 会发生什么
invitation-revoke-effect-link = 链接将失效：客户无法再接受或拒绝此邀请。
invitation-revoke-effect-final = 撤销后无法恢复。如需再次邀请该客户，请创建新的邀请。
invitation-revoke-effect-nothing-else = 其他内容均不变：你的客户、关系和订阅保持原样。
invitation-revoke-confirm = 撤销邀请
invitation-revoke-not-pending = 此邀请已不处于待处理状态，无需撤销。

## 客户

customers-title = 客户
customers-lead = 与 { $partner } 合作的所有客户：你与每个客户的关系以及你在其中的管理权限。你只能看到自己的关系和自己销售的订阅。
customers-empty = 你还没有客户。客户接受你的邀请后会显示在这里。
customers-empty-invite = 创建邀请
customers-col-customer = 客户
customers-col-domain = 域名
customers-col-relationship = 关系
customers-col-state = 状态
customers-col-since = 开始时间
customers-col-admin-access = 你的管理权限
customers-col-offer = 产品
customers-col-quantity = 数量
customers-col-status = 状态
customers-col-term = 期限
customers-col-ordered = 下单时间
customers-via-provider = 通过 { $provider }
customers-ended-on = 于 { $date } 结束
customers-no-admin-access = 无
customers-back = 返回客户列表
customers-lead-active = 自 { $date } 起是你的客户。
customers-lead-ended = 你与该客户的关系已结束。你仍是你所销售订阅的记录合作伙伴。
customers-facts = 关于此客户
customers-ended = 结束时间
customers-access-heading = 你的管理权限
customers-access-none = 你在该客户的组织中没有管理权限。
customers-dap-roles = 你的管理代理为全局管理员，支持代理为支持管理员
customers-subs-heading = 记录合作伙伴为 { $partner } 的订阅
customers-subs-none = 你还没有向该客户销售任何订阅。
customers-subs-hint = 此处只显示你作为记录合作伙伴的订阅。
customers-actions-heading = 结束管理访问权限或合作关系
customers-action-terminate = 终止管理访问权限
customers-action-end = 结束合作关系
customers-actions-hint = 每项操作都会先请你确认。任何订阅都不会改变。
customers-ended-by-you = 由贵组织于 { $date } 结束
customers-ended-by-customer = 由客户于 { $date } 结束
customers-end-reason = 原因
customers-terminate-title = 要终止你在 { $customer } 的管理访问权限吗？
customers-terminate-current = 你当前的管理访问权限
customers-terminate-effect-access = 你的代理人将立即失去在 { $customer } 的这些管理角色。
customers-terminate-effect-relationship = 经销商合作关系保持不变：你仍是 { $customer } 的合作伙伴，仍可下单。
customers-terminate-effect-again = 如需再次获得管理访问权限，请向 { $customer } 发送新的邀请。
customers-terminate-confirm = 终止管理访问权限
customers-terminate-none = 你在 { $customer } 没有有效的管理访问权限，因此无需终止。
customers-end-title = 要结束你与 { $customer } 的合作关系吗？
customers-end-effect-relationship = 你将不再是 { $customer } 的合作伙伴，也无法再为其下新订单。
customers-end-effect-access = 你在 { $customer } 的管理访问权限将同时结束。
customers-end-effect-provider = 你的供应商 { $provider } 与 { $customer } 的合作关系不受影响：只有 { $provider } 可以结束它。
customers-end-effect-others = { $customer } 的其他合作伙伴均不受影响。
customers-end-subs-heading = 你销售的订阅会怎样：不会有任何变化
customers-end-subs-text = 这些订阅将保持不变地继续。{ $partner } 仍是它们的记录合作伙伴，其状态、数量、期限和所有权均不改变。不会取消任何内容。
customers-end-subs-none = 你不是 { $customer } 任何订阅的记录合作伙伴。
customers-end-subs-others = 其他合作伙伴销售给 { $customer } 的订阅也不会改变。
customers-end-legend = 确认结束此合作关系
customers-end-reason-label = 原因（可选）
customers-end-reason-hint = 客户会在合作关系中看到它。最多 500 个字符。
customers-end-reason-invalid = 关系尚未结束：原因无法按输入的内容提交。未做任何更改。
customers-end-confirm = 结束合作关系
customers-end-not-active = 你与 { $customer } 的合作关系已经结束，无需再做任何操作。
customers-cancel = 取消
customers-back-to-customer = 返回 { $customer }
customers-flash-access-terminated = 管理访问权限已终止。合作关系和所有订阅均保持不变。
customers-flash-relationship-ended = 合作关系已结束。你的订阅保持不变地继续，你仍是记录合作伙伴。
customers-error-not-active = 此合作关系已经结束。未做任何更改。
customers-error-no-admin-access = 你在此客户中没有可终止的有效管理访问权限。未做任何更改。


## 下订单

order-heading = 下新订单
order-legend = 为 { $customer } 新建订阅
order-offer-label = 产品
order-offer-choose = 选择产品
order-quantity-label = 数量
order-quantity-hint = 许可证或单位数量，1 到 10000。
order-guarantee = 新订阅的记录合作伙伴为 { $partner }。客户的其他订阅不会改变。
order-submit = 提交订单
order-error-summary = 订单未提交。请更正以下字段。
order-error-quantity = 数量为 1 到 10000 之间的整数。
