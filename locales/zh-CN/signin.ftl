# 因门户配置（而非用户操作）导致的登录失败。
signin-error-misconfigured = 本门户的登录配置有误，在管理员修复之前无法登录。原因已记录在门户日志中，运行 `multipartner doctor` 也会指出原因。
