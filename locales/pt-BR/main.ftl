app-name = Portal multiparceiro
skip-to-content = Pular para o conteúdo
table-region-label = Tabela (rola para o lado quando não cabe na tela)
demo-badge = Demonstração
demo-badge-exposed = Demonstração aberta à rede: qualquer pessoa que alcance este endereço pode entrar como qualquer usuário, inclusive o operador
nav-label = Principal
nav-home = Início
nav-customers = Clientes
nav-invitations = Convites
nav-partners = Parceiros
nav-subscriptions = Assinaturas
nav-admin-overview = Visão geral
nav-admin-customers = Clientes
nav-admin-relationships = Relações
nav-admin-invitations = Convites
nav-admin-audit = Trilha de auditoria
sign-in = Entrar
sign-out = Sair
footer-text = Portal multiparceiro do Provedor de Soluções na Nuvem para o Partner Center operado pela 21Vianet.

landing-title = Trabalhe com vários parceiros e mantenha tudo o que você já tem
landing-lead = Os revendedores convidam clientes para uma relação de revendedor, opcionalmente com administração delegada. Os clientes aceitam, veem e gerenciam todos os seus parceiros em um só lugar.
landing-how-heading = Como funciona
landing-partners-title = Para parceiros
landing-partners-text = Crie um convite de relação de revendedor, escolha as funções de administrador de que você precisa e por quanto tempo, e envie o link ao cliente.
landing-customers-title = Para clientes
landing-customers-text = Veja exatamente o que um parceiro solicita e, em seguida, aceite ou recuse. Seus parceiros atuais continuam.
landing-guarantee-title = Nada do que é seu muda
landing-guarantee-text = Adicionar um parceiro nunca altera suas assinaturas existentes, os termos delas, a propriedade delas nem o Parceiro de registro.

home-welcome = Boas-vindas, { $name }
home-partner-intro = Convide clientes, acompanhe seus convites e atenda os clientes que trabalham com você.
home-customer-intro = Veja cada parceiro com quem você trabalha, o acesso que cada um tem e todas as suas assinaturas.
home-operator-intro = Veja quem trabalha com quem em toda a plataforma: clientes, relações, convites, acesso de administrador e a trilha de auditoria.
tile-partner-customers = Clientes
tile-partner-customers-text = Os clientes com quem você tem uma relação de revendedor e as assinaturas que você vendeu a eles.
tile-partner-invitations = Convites
tile-partner-invitations-text = Crie convites de relação de revendedor e acompanhe o estado deles.
tile-customer-partners = Seus parceiros
tile-customer-partners-text = Cada parceiro com quem você trabalha, o acesso de administrador dele e o encerramento de uma relação.
tile-customer-subscriptions = Assinaturas
tile-customer-subscriptions-text = Todas as suas assinaturas, com o Parceiro de registro de cada uma.
tile-admin-overview = Visão geral
tile-admin-overview-text = Números da plataforma e o crescimento semanal do multiparceiro.
tile-admin-relationships = Relações
tile-admin-relationships-text = Todas as relações de revendedor, com filtros e exportação.
tile-admin-audit = Trilha de auditoria
tile-admin-audit-text = Quem fez o quê, quando e com qual resultado.

error-title = Algo deu errado
error-back-home = Voltar à página inicial
error-reference = Referência: { $id }
error-400-text = Não foi possível entender a solicitação. Verifique o que você digitou e tente novamente.
error-403-text = Você não tem permissão para fazer isso.
error-404-text = Não encontramos essa página. Ela pode ter sido movida, ou talvez você não tenha acesso a ela.
error-409-text = Isso não pode ser feito no estado atual. Recarregue a página para ver as informações mais recentes.
error-410-text = Esse link não é mais válido.
error-413-text = O que você enviou é grande demais.
error-429-text = Tentativas demais. Aguarde um momento e tente novamente.
error-500-text = Ocorreu um erro inesperado. Ele foi registrado; tente novamente mais tarde.
error-503-text = O serviço está temporariamente indisponível. Tente novamente em instantes.
error-csrf = Seu formulário expirou ou não veio deste site. Volte, recarregue a página e tente novamente.
error-sign-in-required = Entre para continuar.
error-bad-language = Esse idioma não está disponível.

signin-failed-title = Não foi possível concluir a entrada
signin-try-again = Tentar entrar novamente
signin-error-expired = Sua entrada demorou demais ou já foi usada. Comece de novo.
signin-error-provider = Não foi possível acessar o provedor de identidade. Tente novamente em instantes.
signin-error-denied = O provedor de identidade não permitiu a sua entrada.
signin-error-invalid = Não foi possível verificar a resposta do provedor de identidade, por isso você não entrou.
signin-error-identity = Sua conta não traz as informações de organização e de função de que este portal precisa. Fale com o seu administrador.
signin-error-unknown-tenant = Sua organização não está registrada neste portal. As organizações parceiras são registradas pelo operador da plataforma; o administrador global de um cliente precisa entrar primeiro.
signin-error-tenant-mismatch = Sua conta pertence a uma organização diferente daquela registrada para ela aqui. Fale com o seu administrador.

demo-idp-title = Entrada de demonstração
demo-idp-notice = Este é o provedor de identidade de demonstração integrado. Ele existe apenas no modo de demonstração; em produção, o portal faz a entrada pelo provedor de identidade da sua organização.
demo-idp-choose = Escolha com qual usuário entrar
demo-idp-bad-request = A solicitação de entrada não é válida para este provedor de demonstração.

# Acesso de administrador, como clientes e parceiros o veem.
admin-access-until = até { $date }
admin-access-expired-on = expirou em { $date }
admin-access-removed-on = removido em { $date }
admin-access-terminated-on = encerrado pelo parceiro em { $date }
admin-access-terminated-by-you-on = encerrado pela sua organização em { $date }
admin-access-removed-by-customer-on = removido pelo cliente em { $date }
admin-access-no-end = Sem data de término
admin-access-auto-extend = renovado automaticamente por 180 dias
admin-access-col-kind = Tipo
admin-access-col-roles = Funções
admin-access-col-starts = Início
admin-access-col-ends = Término
admin-access-col-state = Estado
admin-access-history-heading = Histórico de acesso de administrador

# Assinaturas e prazos de oferta, como clientes e parceiros os veem.
subscription-status-active = Ativa
subscription-status-suspended = Suspensa
subscription-status-cancelled = Cancelada
subscription-term-p1m = 1 mês
subscription-term-p1y = 1 ano
subscription-term-p3y = 3 anos
subscription-term-none = Sem prazo fixo
# Before the page title when a submitted form comes back with errors.
title-error-prefix = Erro:
# Under a text field with a limit: how much of it the submitted text used.
form-char-count = { $used } de até { $max } caracteres
# Beside a free-text field (a message, a reason) whose text is refused.
free-text-error-empty = Este campo não pode ficar em branco.
free-text-error-too-long = O texto pode ter no máximo { $max } caracteres.
free-text-error-bidirectional = O texto contém um caractere invisível que muda a direção do texto ao redor (como U+202E) e pode fazê-lo parecer dizer outra coisa. Digite o texto de novo em vez de colá-lo.
free-text-error-invisible = O texto contém um caractere invisível (espaço ou junção de largura zero, junção de palavras, marca de ordem de bytes ou caractere de tag) que pode esconder o que ele diz. Digite o texto de novo em vez de colá-lo.
free-text-error-control = O texto contém um caractere de controle. Use texto simples: letras, números, pontuação, espaços, tabulações e quebras de linha.
