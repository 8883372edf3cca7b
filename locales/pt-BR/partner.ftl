# O lado do parceiro: clientes (somente com as assinaturas que este parceiro vendeu), fazer um
# pedido e convites de relação de revendedor. Mantenha em sincronia com locales/en/partner.ftl
# (mesmas chaves).

## Mensagens usadas pelos fluxos

invitation-error-provider-required = O convite de um revendedor indireto precisa indicar o provedor indireto em nome do qual você atua.
invitation-error-provider-not-allowed = Somente um revendedor indireto indica um provedor indireto. Deixe o provedor em branco.
invitation-error-provider-not-associated = Esse provedor indireto não trabalha com a sua organização. Escolha um dos seus provedores.
invitation-error-not-pending = Este convite não está mais pendente, portanto não pode ser revogado. Nada foi alterado.
invitation-error-broken = Este convite não pode ser usado porque os dados armazenados dele são inconsistentes. Peça um novo ao parceiro.
order-error-no-relationship = Você não tem mais uma relação de revendedor ativa com este cliente, portanto não pode fazer um pedido. Nada foi alterado.
order-error-offer = Escolha uma oferta do catálogo.

## Erros do formulário de convite

invitation-error-summary = Corrija os itens a seguir. Nada foi criado ainda.
invitation-error-access = Escolha o que o convite solicita.
invitation-error-admin-access-admin-agent = Somente agentes administradores podem pedir a um cliente acesso administrativo (DAP ou GDAP). Convide apenas para uma relação de revendedor ou peça a um agente administrador da sua organização.
invitation-error-roles-none = Escolha pelo menos uma função para os privilégios de administrador delegado granular (GDAP).
invitation-error-role-unknown = Uma das funções não está no catálogo de funções do GDAP. Escolha funções da lista.
invitation-error-duration = A duração é um número inteiro de dias, de 1 a 730.
invitation-error-auto-extend-global-admin = A renovação automática não é permitida quando a função Administrador global está entre as funções. Desmarque uma das duas.
invitation-error-domain = Digite um domínio como contoso.partner.onmschina.cn (letras, dígitos, hifens e pontos) ou deixe em branco.
invitation-error-expiry = O link pode ficar válido por 1 a 90 dias.
invitation-error-provider-invalid = Escolha um provedor indireto da lista.

## Mensagens exibidas uma vez após uma ação

invitation-flash-revoked = Convite revogado. O link dele não funciona mais. Nada mais foi alterado.
order-flash-placed = Pedido feito. A nova assinatura tem a sua organização como Parceiro de registro; nenhuma outra assinatura foi alterada.

## Convites: palavras comuns

invitation-col-created = Criado em
invitation-col-invitation = Convite (nome ou data de criação)
invitation-col-name = Nome
invitation-form-name-label = Nome (opcional)
invitation-form-name-hint = Só você o vê, na sua lista de convites. No máximo { $max } caracteres.
invitation-error-name = O nome deve ser uma linha de no máximo 50 caracteres.
invitation-filter-state = Estado
invitation-filter-any = Qualquer estado
invitation-filter-apply = Mostrar
invitation-list-none-in-state = Nenhum convite está neste estado.
invitation-error-state = Esse não é um estado possível de um convite.
invitation-reissue-action = Reemitir o link
invitation-reissue-title = Reemitir o link deste convite?
invitation-reissue-effect-new = Um novo link é criado e mostrado a você uma única vez, com o texto do e-mail para enviá-lo.
invitation-reissue-effect-old = O link antigo deixa de funcionar imediatamente: responde como qualquer link inexistente.
invitation-reissue-effect-same = Todo o resto continua igual: o que o convite pede e o vencimento em { $date }.
invitation-reissue-confirm = Criar um novo link
invitation-reissue-not-pending = Só um convite pendente pode receber um novo link. Nada foi alterado.
invitation-reissued-title = Novo link do convite
invitation-reissued-old-link = O link anterior não funciona mais.
invitation-col-access = Acesso solicitado
invitation-col-state = Estado
invitation-col-created-by = Criado por
invitation-col-expires = O link expira em
invitation-col-customer = Aceito ou recusado por
invitation-roles = Funções
invitation-duration = Duração
invitation-duration-days =
    { $days ->
        [one] { $days } dia
       *[other] { $days } dias
    }
invitation-auto-extend = Renovação automática
invitation-auto-extend-on = É renovado automaticamente por 180 dias
invitation-auto-extend-off = Não é renovado automaticamente
invitation-provider = Provedor indireto
invitation-customer-domain = Para o cliente
invitation-any-customer = Qualquer cliente que abrir o link
invitation-only-for = somente para { $domain }
invitation-message = Mensagem
invitation-created-by-on = { $name }, { $date }
invitation-accepted = Aceito
invitation-declined = Recusado
invitation-revoked = Revogado
invitation-back = Voltar aos convites
invitation-back-to-invitation = Voltar ao convite
invitation-cancel = Cancelar

## Lista de convites

invitation-list-title = Convites
invitation-list-lead = Convites de relação de revendedor enviados por { $partner }, dos mais recentes para os mais antigos. Um convite pendente pode ser revogado até que o cliente decida.
invitation-list-new = Novo convite
invitation-list-empty = Você ainda não enviou nenhum convite. Crie um e envie o link ao administrador global do cliente.
invitation-list-no-more = Não há convites mais antigos.
invitation-list-paging = Páginas
invitation-list-newest = Convites mais recentes
invitation-list-older = Convites mais antigos

## Novo convite

invitation-new-title = Novo convite de relação de revendedor
invitation-new-lead = Escolha o que { $partner } solicita ao cliente. O administrador global do cliente vê exatamente isto antes de aceitar ou recusar, e mantém todos os parceiros que já tem.
invitation-form-provider-label = Provedor indireto em nome do qual você atua
invitation-form-provider-choose = Escolha um provedor
invitation-form-provider-hint = Como revendedor indireto, você vende por meio de um provedor indireto. Aceitar cria uma relação com o provedor e com você.
invitation-form-provider-none = Sua organização ainda não está associada a nenhum provedor indireto, portanto não pode convidar clientes. Peça ao seu provedor que faça a associação.
invitation-form-access-legend = O que você solicita?
invitation-form-access-reseller-hint = Somente uma relação de revendedor: você pode vender para o cliente, sem nenhum acesso administrativo.
invitation-form-access-dap-hint = Também a administração delegada clássica: seus agentes administradores se tornam administradores globais e seus agentes de assistência técnica, administradores de assistência técnica na organização do cliente, sem data de término.
invitation-form-access-gdap-hint = Também funções de administrador granulares e com prazo, escolhidas abaixo. A Microsoft recomenda o GDAP com o menor número de funções necessário.
invitation-form-sales-agent-note = Como agente de vendas, você convida apenas para uma relação de revendedor: o acesso administrativo (DAP ou GDAP) é pedido pelos agentes administradores da sua organização.
invitation-form-gdap-legend = Privilégios de administrador delegado granular (GDAP)
invitation-form-gdap-hint = Usado somente quando você solicita GDAP acima.
invitation-form-roles-legend = Funções que você solicita
invitation-form-duration-label = Duração em dias
invitation-form-duration-hint = De 1 a 730 dias (dois anos), contados a partir da aceitação pelo cliente.
invitation-form-auto-extend-label = Renovar automaticamente por 180 dias ao final
invitation-form-auto-extend-hint = Não é permitido quando a função Administrador global está entre as funções. O cliente pode remover o acesso a qualquer momento.
invitation-form-domain-label = Domínio do cliente (opcional)
invitation-form-domain-hint = Se preenchido, somente o cliente com este domínio padrão, como contoso.partner.onmschina.cn, pode aceitar. Deixe em branco para qualquer cliente.
invitation-form-message-label = Mensagem para o cliente (opcional)
invitation-form-message-hint = Exibida ao cliente junto com o convite. No máximo { $max } caracteres.
invitation-form-expiry-label = Link válido por (dias)
invitation-form-expiry-hint = 7 dias, a menos que você escolha outro valor; no máximo 90. O link é secreto: quanto mais curto o prazo, mais seguro.
invitation-form-submit = Criar convite

## Convite criado (o link é exibido uma vez)

invitation-created-title = Convite criado
invitation-created-once = Esta é a única vez que o link é exibido. Ele não é armazenado, portanto não pode ser exibido novamente: copie-o agora, ou copie o email abaixo. Se ele se perder, revogue este convite e crie um novo.
invitation-created-send-heading = Envie-o ao cliente
invitation-created-send-text = Envie este email a um administrador global da organização do cliente. Qualquer pessoa com o link pode abrir o convite, portanto envie-o somente ao cliente.
invitation-created-subject = Assunto
invitation-created-body = Mensagem
invitation-created-select-hint = Para copiar sem os botões, selecione o texto e copie-o com o teclado ou com o menu de contexto.
invitation-copy-subject = Copiar o assunto
invitation-copy-link = Copiar o link
invitation-copy-email = Copiar o texto do email
invitation-copied-subject = Assunto copiado.
invitation-copied-link = Link copiado.
invitation-copied-email = Texto do email copiado.
invitation-created-summary = O que o convite solicita
invitation-created-view = Ver o convite

## O email pronto para envio

invitation-email-subject = { $partner } convida você para uma relação de revendedor
invitation-email-greeting = Olá,
invitation-email-intro = { $partner } convida a sua organização para uma relação de revendedor no Partner Center operado pela 21Vianet.
invitation-email-intro-with-id = { $partner } (ID do parceiro { $id }) convida a sua organização para uma relação de revendedor no Partner Center operado pela 21Vianet.
invitation-email-provider = { $partner } vende por meio do provedor indireto { $provider }; aceitar cria uma relação com os dois.
invitation-email-dap = { $partner } também solicita privilégios de administrador delegado na sua organização.
invitation-email-gdap =
    { $days ->
        [one] Também solicitamos estas funções de administrador por { $days } dia: { $roles }.
       *[other] Também solicitamos estas funções de administrador por { $days } dias: { $roles }.
    }
invitation-email-role-separator = { ", " }
invitation-email-auto-extend = As funções são renovadas automaticamente por 180 dias, a menos que você as remova.
invitation-email-domain = Este convite é para a organização com o domínio { $domain }.
invitation-email-open = Abra este link conectado como administrador global da sua organização, analise o que está sendo solicitado e aceite ou recuse:
invitation-email-expires = O link funciona até { $date }.
invitation-email-guarantee = Aceitar mantém todos os seus outros parceiros e não altera suas assinaturas existentes, os termos delas nem o Parceiro de registro delas.
invitation-email-signature = Atenciosamente, { $name }, { $partner }

## Detalhes do convite e revogação

invitation-detail-title = Convite
invitation-link-not-shown = O link foi exibido somente quando o convite foi criado. Se ele se perdeu, revogue este convite e crie um novo.
invitation-revoke-action = Revogar o convite
invitation-revoke-title = Revogar este convite?
invitation-revoke-what-happens = O que acontece
invitation-revoke-effect-link = O link deixa de funcionar: o cliente não pode mais aceitá-lo nem recusá-lo.
invitation-revoke-effect-final = A revogação não pode ser desfeita. Para convidar o cliente novamente, crie um novo convite.
invitation-revoke-effect-nothing-else = Nada mais muda: seus clientes, relações e assinaturas continuam como estão.
invitation-revoke-confirm = Revogar o convite
invitation-revoke-not-pending = Este convite não está mais pendente, portanto não há nada a revogar.

## Clientes

customers-title = Clientes
customers-lead = Cada cliente que trabalha com { $partner }: a sua relação e o seu acesso de administrador em cada um. Você vê somente a sua própria relação e as assinaturas que vendeu.
customers-empty = Você ainda não tem clientes. Quando um cliente aceitar um dos seus convites, ele aparecerá aqui.
customers-empty-invite = Criar um convite
customers-col-customer = Cliente
customers-col-domain = Domínio
customers-col-relationship = Relação
customers-col-state = Estado
customers-col-since = Desde
customers-col-admin-access = Seu acesso de administrador
customers-col-offer = Oferta
customers-col-quantity = Quantidade
customers-col-status = Status
customers-col-term = Prazo
customers-col-ordered = Pedido em
customers-via-provider = por meio de { $provider }
customers-ended-on = encerrada em { $date }
customers-no-admin-access = Nenhum
customers-back = Voltar aos clientes
customers-lead-active = Seu cliente desde { $date }.
customers-lead-ended = Sua relação com este cliente foi encerrada. Você continua sendo o Parceiro de registro das assinaturas que vendeu.
customers-facts = Sobre este cliente
customers-ended = Encerrada em
customers-access-heading = Seu acesso de administrador
customers-access-none = Você não tem acesso de administrador na organização deste cliente.
customers-dap-roles = Administrador global para os seus agentes administradores e administrador de assistência técnica para os seus agentes de assistência técnica
customers-subs-heading = Assinaturas que têm { $partner } como Parceiro de registro
customers-subs-none = Você ainda não vendeu nenhuma assinatura a este cliente.
customers-subs-hint = Aqui aparecem somente as assinaturas das quais você é o Parceiro de registro.
customers-actions-heading = Encerrar o acesso de administrador ou a relação
customers-action-terminate = Encerrar o acesso de administrador
customers-action-end = Encerrar a relação
customers-actions-hint = Cada ação pede confirmação antes. Nenhuma assinatura muda.
customers-ended-by-you = Encerrada pela sua organização em { $date }
customers-ended-by-customer = Encerrada pelo cliente em { $date }
customers-end-reason = Motivo
customers-terminate-title = Encerrar seu acesso de administrador em { $customer }?
customers-terminate-current = Seu acesso de administrador agora
customers-terminate-effect-access = Seus agentes perdem estas funções de administrador em { $customer } imediatamente.
customers-terminate-effect-relationship = A relação de revenda continua: você segue como parceiro de { $customer } e ainda pode fazer pedidos.
customers-terminate-effect-again = Para ter acesso de administrador novamente, envie um novo convite a { $customer }.
customers-terminate-confirm = Encerrar o acesso de administrador
customers-terminate-none = Você não tem acesso de administrador ativo em { $customer }, então não há nada a encerrar.
customers-end-title = Encerrar sua relação com { $customer }?
customers-end-effect-relationship = Você deixa de ser parceiro de { $customer } e não pode mais fazer novos pedidos para ele.
customers-end-effect-access = Seu acesso de administrador em { $customer } termina ao mesmo tempo.
customers-end-effect-provider = A relação do seu provedor { $provider } com { $customer } não é afetada: só { $provider } pode encerrá-la.
customers-end-effect-others = Nenhum outro parceiro de { $customer } é afetado.
customers-end-subs-heading = O que acontece com as assinaturas que você vendeu: nada
customers-end-subs-text = Estas assinaturas continuam sem alteração. { $partner } continua como Parceiro de Registro, e o status, as quantidades, os prazos e a titularidade não mudam. Nada é cancelado.
customers-end-subs-none = Você não é Parceiro de Registro de nenhuma assinatura de { $customer }.
customers-end-subs-others = As assinaturas que outros parceiros venderam a { $customer } também não mudam.
customers-end-legend = Confirme o encerramento desta relação
customers-end-reason-label = Motivo (opcional)
customers-end-reason-hint = O cliente o vê junto com a relação. No máximo 500 caracteres.
customers-end-reason-invalid = A relação não foi encerrada: o motivo não pode ser enviado como foi digitado. Nada foi alterado.
customers-end-confirm = Encerrar a relação
customers-end-not-active = Sua relação com { $customer } já foi encerrada. Não há mais nada a fazer.
customers-cancel = Cancelar
customers-back-to-customer = Voltar para { $customer }
customers-flash-access-terminated = Acesso de administrador encerrado. A relação e todas as assinaturas continuam iguais.
customers-flash-relationship-ended = Relação encerrada. Suas assinaturas continuam sem alteração, com você como Parceiro de Registro.
customers-error-not-active = Esta relação já foi encerrada. Nada foi alterado.
customers-error-no-admin-access = Você não tem acesso de administrador ativo neste cliente para encerrar. Nada foi alterado.


## Fazer um pedido

order-heading = Fazer um novo pedido
order-legend = Nova assinatura para { $customer }
order-offer-label = Oferta
order-offer-choose = Escolha uma oferta
order-quantity-label = Quantidade
order-quantity-hint = Licenças ou unidades, de 1 a 10.000.
order-guarantee = A nova assinatura tem { $partner } como Parceiro de registro. As outras assinaturas do cliente não mudam.
order-submit = Fazer o pedido
order-error-summary = O pedido não foi feito. Corrija os campos abaixo.
order-error-quantity = A quantidade é um número inteiro de 1 a 10.000.
