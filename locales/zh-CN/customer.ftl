# 客户侧：邀请链接（接受或拒绝）、客户的合作伙伴和订阅。
# 与 locales/en/customer.ftl 保持一致（键名相同）。

## 流程使用的消息

partner-error-no-admin-access = 该合作伙伴没有可移除的有效管理访问权限。未做任何更改。
partner-error-not-active = 该合作关系已经结束。未做任何更改。

## 操作后的一次性提示

customer-flash-accepted = 已接受邀请。您的其他合作伙伴和所有订阅均保持不变。
customer-flash-declined = 已拒绝邀请。其他一切均未改变。
customer-flash-access-removed = 已移除管理访问权限。合作关系和您的订阅保持不变。
customer-flash-relationship-ended = 已结束合作关系。其订阅继续有效、保持不变，记录合作伙伴也不变。

## 通用词语

customer-col-partner = 合作伙伴
customer-col-partner-id = 合作伙伴 ID
customer-col-relationship = 合作关系
customer-col-state = 状态
customer-col-since = 开始日期
customer-col-admin-access = 管理访问权限
customer-col-partner-of-record = 记录合作伙伴
customer-col-offer = 产品
customer-col-quantity = 数量
customer-col-status = 状态
customer-col-term = 期限
customer-via-provider = 通过 { $provider }
customer-yes = 是
customer-no = 否
customer-cancel = 取消
customer-what-happens = 会发生什么
customer-ended-on = 已于 { $date } 结束
customer-ended-by-you = 由贵组织于 { $date } 结束
customer-ended-by-partner = 由 { $partner } 于 { $date } 结束
customer-access-terminated-by = 管理访问权限已由 { $partner } 于 { $date } 终止
customer-back-to-partners = 返回您的合作伙伴
customer-back-to-partner = 返回 { $partner }
customer-see-partners = 查看您的合作伙伴
customer-see-subscriptions = 查看您的所有订阅

## 管理访问权限

customer-access-heading = 管理访问权限
customer-access-none = 该合作伙伴在贵组织中没有管理访问权限：它无法管理您的用户或设置。
customer-no-admin-access = 无
customer-dap-roles = 合作伙伴的管理代理为全局管理员，支持代理为支持管理员

## 您的合作伙伴

customer-partners-title = 您的合作伙伴
customer-partners-lead = 与 { $customer } 合作的每个合作伙伴、各自拥有的管理访问权限，以及它是否为您某个订阅的记录合作伙伴。各合作伙伴彼此独立。
customer-partners-empty = 您目前还没有任何合作伙伴。合作伙伴会向您发送邀请链接；请以全局管理员身份登录后打开链接，查看后接受或拒绝。

## 单个合作伙伴

customer-partner-lead-active = 自 { $date } 起成为您的合作伙伴。
customer-partner-lead-ended = 该合作关系已经结束。该合作伙伴仍是其售出订阅的记录合作伙伴。
customer-partner-facts = 合作伙伴信息
customer-partner-ended = 结束
customer-end-reason = 原因
customer-history-heading = 合作关系历史记录
customer-actions-heading = 管理此合作伙伴
customer-action-remove-access = 移除管理访问权限
customer-action-end = 结束合作关系
customer-actions-hint = 每项操作都会先请您确认。两项操作都不会更改任何订阅。
customer-actions-read-only = 只有贵组织的全局管理员才能移除管理访问权限或结束合作关系。
customer-partner-subs-heading = 以此合作伙伴为记录合作伙伴的订阅
customer-partner-subs-none = 该合作伙伴不是您任何订阅的记录合作伙伴。
customer-partner-subs-guarantee = 无论您如何处理此合作伙伴的访问权限或合作关系，这些订阅都保持原样。

## 移除管理访问权限

customer-remove-title = 移除 { $partner } 的管理访问权限？
customer-remove-current = 当前的管理访问权限
customer-remove-effect-access = { $partner } 将立即失去在贵组织中的这些管理角色。
customer-remove-effect-relationship = 经销商关系保持不变：{ $partner } 仍是您的合作伙伴。
customer-remove-effect-again = 如需再次获得管理访问权限，{ $partner } 必须向您发送新的邀请。
customer-remove-effect-subscriptions = 您的订阅不会改变：其状态、数量、条款、所有权和记录合作伙伴都完全保持原样。
customer-remove-confirm = 移除管理访问权限
customer-remove-none = { $partner } 在贵组织中没有有效的管理访问权限，因此没有可移除的内容。

## 结束合作关系

customer-end-title = 结束与 { $partner } 的合作关系？
customer-end-effect-relationship = { $partner } 将不再是您的合作伙伴，也无法再为您下新订单。
customer-end-effect-access = { $partner } 拥有的管理访问权限将同时被移除。
customer-end-effect-others = 您的其他合作伙伴不受影响。
customer-end-subs-heading = { $partner } 售出的订阅会怎样：不会有任何变化
customer-end-subs-text = 这些订阅继续有效、保持不变。{ $partner } 仍是它们的记录合作伙伴，其状态、数量、条款和所有权都不会改变。不会取消任何订阅。
customer-end-subs-none = { $partner } 不是您任何订阅的记录合作伙伴。
customer-end-legend = 确认结束此合作关系
customer-end-reason-label = 原因（可选）
customer-end-reason-hint = 与合作关系一起保存，供您备查。最多 500 个字符。
customer-end-reason-invalid = 关系尚未结束：原因无法按输入的内容提交。未做任何更改。
customer-end-confirm = 结束合作关系
customer-end-not-active = 与 { $partner } 的合作关系已经结束，无需再做任何操作。

## 订阅

customer-subscriptions-title = 您的订阅
customer-subscriptions-lead = { $customer } 的所有订阅及其记录合作伙伴。添加、移除合作伙伴或结束合作关系都不会更改这些订阅。
customer-subscriptions-empty = 您还没有任何订阅。

## 邀请链接

accept-title = 来自 { $partner } 的邀请
accept-lead = { $partner } 邀请 { $customer } 建立经销商关系。请阅读其请求的内容，然后接受或拒绝。
accept-partner-heading = 谁在邀请您
accept-partner-type = 合作伙伴类型
accept-partner-provider = 销售渠道
accept-expires = 有效期至
accept-message = 合作伙伴的留言
accept-asked-heading = { $partner } 请求的内容
accept-relationships-intro = 接受后将与以下合作伙伴建立经销商关系：
accept-relationship-meaning = 经销商关系使合作伙伴可以向您销售新订阅并为您提供支持，但不会转移您已有的任何订阅。
accept-already-partner = { $partner } 已经是您的合作伙伴。接受后只会增加下面的管理访问权限。
accept-access-none = 无。{ $partner } 将无法管理您的用户或设置。
accept-access-dap = 委派管理特权 (DAP)：{ $partner } 的管理代理将成为贵组织的全局管理员，其支持代理将成为支持管理员。DAP 没有结束日期；您可以随时移除。
accept-access-gdap = 精细委派管理特权 (GDAP)：仅限以下角色，且有时间限制。
accept-role-col = 角色
accept-role-what = { $partner } 可以做什么
accept-duration = 期限
accept-duration-days = { $days } 天
accept-duration-until = 如果今天接受，有效期至 { $date }
accept-renewal = 续期
accept-auto-extend-on = 到期时自动延长 180 天，直到您或合作伙伴将其移除。
accept-auto-extend-off = 到结束日期自动终止，不会续期。
accept-held-dap = { $partner } 已在贵组织中拥有 DAP，这正是此邀请所请求的权限。
accept-held-gdap-asked-dap = { $partner } 在贵组织中只拥有以下角色的 GDAP：{ $roles }。此邀请请求的是范围大得多的 DAP：接受后将增加 DAP，而 GDAP 角色在您移除之前保持不变。
accept-held-dap-asked-gdap = { $partner } 在贵组织中拥有 DAP。此邀请请求此处列出角色的 GDAP：接受后将增加这些角色，而 DAP 在您于“您的合作伙伴”中移除之前保持不变。
accept-held-gdap-covered = { $partner } 已经拥有此邀请请求的全部 GDAP 角色。
accept-held-gdap-missing = { $partner } 已在贵组织中拥有 GDAP，但没有此邀请请求的以下角色：{ $roles }。接受后将增加一项包含此处所列角色的授权。
accept-held-gdap-extra = 它还拥有此邀请未请求的角色：{ $roles }。这些角色保持不变。
accept-others-heading = 您的其他合作伙伴保持不变
accept-others-list = { $partner } 将与您现有的合作伙伴并存。它们都会保留，访问权限不变：
accept-others-none = 您目前没有其他合作伙伴。
accept-guarantee-heading = 不会改变的内容
accept-guarantee-subscriptions = 您现有的订阅不会改变：其状态和数量保持原样。
accept-guarantee-ownership = 贵组织保留其订阅、用户和数据的所有权。
accept-guarantee-terms = 您现有订阅的条款不会改变。
accept-guarantee-por = 每个现有订阅的记录合作伙伴保持不变。
accept-guarantee-control = 您可以随时在“您的合作伙伴”中移除管理访问权限或结束合作关系。
accept-decision-legend = 您的决定
accept-authorise = 我授权 { $partner } 按上述访问权限成为 { $customer } 的合作伙伴。
accept-authorise-required = 如要接受，请勾选复选框以确认您的授权。未做任何更改。
accept-button = 接受
accept-decline-heading = 不感兴趣？
accept-decline-text = 拒绝后无法撤回：此链接将失效，{ $partner } 会收到拒绝通知。其他一切均不会改变。
accept-decline-button = 拒绝
decline-title = 要拒绝 { $partner } 的邀请吗？
decline-back = 返回邀请
decline-effect-told = { $partner } 会看到您已拒绝：它不会成为您的合作伙伴，也不会获得任何访问权限。
decline-effect-final = 此操作无法撤销：该链接将永久失效。如果以后想与 { $partner } 合作，请让其发送新的邀请。
decline-effect-nothing-else = 其他一切保持不变：您的其他合作伙伴、它们的访问权限以及您的订阅都保持原样。
decline-confirm = 拒绝邀请

## 邀请链接无法使用

accept-not-found-title = 找不到邀请
accept-not-found = 找不到此邀请。请确认您打开的是合作伙伴消息中的完整链接。如果仍然无法使用，请向合作伙伴索取新的邀请。
accept-refused-nothing-changed = 未做任何更改。
accept-refused-not-global-admin-title = 只有全局管理员才能接受此邀请
accept-refused-not-global-admin = 您当前以 { $tenant } 的 { $name } 身份登录。只有受邀客户组织的全局管理员才能接受或拒绝经销商关系邀请。请将链接转发给贵组织的全局管理员，或注销后使用全局管理员帐户重新打开链接。
accept-refused-wrong-customer-title = 此邀请是发给其他组织的
accept-refused-wrong-customer = 合作伙伴将此邀请发给了 { $tenant } 以外的客户组织。如果您原本期待此邀请，请让合作伙伴向贵组织发送邀请。
accept-refused-expired-title = 此邀请已过期
accept-refused-expired = 邀请的有效期有限。请让合作伙伴向您发送新的邀请。
accept-refused-revoked-title = 此邀请已被撤回
accept-refused-revoked = 合作伙伴撤回了此邀请。如果您仍希望与其合作，请向其索取新的邀请。
accept-refused-used-title = 此邀请已被使用
accept-refused-used = 每个邀请只能接受或拒绝一次，而此邀请已经处理过。
accept-refused-already-partner-title = 已经是您的合作伙伴
accept-refused-already-partner = { $partner } 已经与您合作，接受此邀请不会带来任何变化。
accept-refused-no-access-asked = 此邀请不请求任何管理访问权限。
accept-see-partner = 查看此合作伙伴
accept-sign-out = 注销
