# 领域枚举和 GDAP 角色目录的显示名称与说明。
# 键名来自 src/domain 中的 message_key() / description_key()；所有语言的键必须一致。

## GDAP 角色目录（Microsoft Entra 内置角色）

gdap-role-global-administrator = 全局管理员
gdap-role-global-administrator-desc = 完全控制组织中的所有设置、用户和服务。
gdap-role-helpdesk-administrator = 支持管理员
gdap-role-helpdesk-administrator-desc = 为非管理员用户重置密码并管理支持请求。
gdap-role-user-administrator = 用户管理员
gdap-role-user-administrator-desc = 创建和管理用户与组，并为大多数用户重置密码。
gdap-role-exchange-administrator = Exchange 管理员
gdap-role-exchange-administrator-desc = 管理 Exchange Online 邮箱、邮件流和电子邮件设置。
gdap-role-sharepoint-administrator = SharePoint 管理员
gdap-role-sharepoint-administrator-desc = 管理 SharePoint Online 和 OneDrive 站点及其设置。
gdap-role-teams-administrator = Teams 管理员
gdap-role-teams-administrator-desc = 管理 Microsoft Teams，包括会议、通话和团队设置。
gdap-role-security-reader = 安全读取者
gdap-role-security-reader-desc = 查看安全报告、警报和设置，但不能更改。
gdap-role-billing-administrator = 计费管理员
gdap-role-billing-administrator-desc = 进行购买、管理订阅和账单，并处理账单支持请求。
gdap-role-license-administrator = 许可证管理员
gdap-role-license-administrator-desc = 为用户和组分配或移除产品许可证。
gdap-role-directory-readers = 目录读取者
gdap-role-directory-readers-desc = 读取用户、组和设备等基本目录信息。
gdap-role-global-reader = 全局读取者
gdap-role-global-reader-desc = 可以查看全局管理员能看到的所有内容，但不能做任何更改。
gdap-role-service-support-administrator = 服务支持管理员
gdap-role-service-support-administrator-desc = 查看服务运行状况，并向 Microsoft 提交和管理支持请求。

## 邀请

invitation-state-pending = 待处理
invitation-state-accepted = 已接受
invitation-state-declined = 已拒绝
invitation-state-revoked = 已撤销
invitation-state-expired = 已过期

invitation-access-reseller = 经销商关系
invitation-access-reseller-dap = 经销商关系和委派管理特权 (DAP)
invitation-access-reseller-gdap = 经销商关系和精细委派管理特权 (GDAP)

## 合作关系

relationship-state-active = 有效
relationship-state-ended = 已结束

relationship-type-direct-reseller = 直接经销商
relationship-type-indirect-provider = 间接提供商
relationship-type-indirect-reseller = 间接经销商

## 管理访问权限

admin-access-kind-dap = 委派管理特权 (DAP)
admin-access-kind-gdap = 精细委派管理特权 (GDAP)

admin-access-state-active = 有效
admin-access-state-expired = 已过期
admin-access-state-removed = 已移除

## 角色和租户

role-admin-agent = 管理代理
role-sales-agent = 销售代理
role-helpdesk-agent = 支持代理
role-global-admin = 全局管理员
role-user = 用户
role-platform-admin = 平台管理员

tenant-kind-partner = 合作伙伴
tenant-kind-customer = 客户
tenant-kind-operator = 平台运营方
