-- Audit events store tokens, not display text (domain::audit). Until now a contract
-- event's state_before / state_after held the zh-CN label of the state ("已生效 / 电子合同
-- 已生效"), which the event feed parsed back: rewording a label would have silently
-- broken every past event. They now hold ContractState::token ("effective/
-- e_contract_effective"; "voided" without a sub-status). The labels below are those
-- every earlier release wrote; anything else (account events' real-name tokens) is kept.
UPDATE audit_events SET state_before = CASE state_before
    WHEN '草稿 / 填写信息' THEN 'draft/filling_info'
    WHEN '草稿 / 确认合同文本内容' THEN 'draft/confirming_text'
    WHEN '草稿 / 签署确认' THEN 'draft/confirming_signing'
    WHEN '草稿 / 合同草稿生成中' THEN 'draft/generating'
    WHEN '草稿 / 合同草稿已生成' THEN 'draft/generated'
    WHEN '草稿 / 合同草稿生成失败' THEN 'draft/generation_failed'
    WHEN '签署中 / 客户签署' THEN 'signing/customer_signing'
    WHEN '签署中 / 取消中' THEN 'signing/cancelling'
    WHEN '签署中 / 服务商签署' THEN 'signing/provider_signing'
    WHEN '签署中 / 服务商签署失败' THEN 'signing/signing_failed'
    WHEN '已生效 / 电子合同已生效' THEN 'effective/e_contract_effective'
    WHEN '已生效 / 纸质合同申请中' THEN 'effective/paper_requested'
    WHEN '已生效 / 纸质合同已寄出' THEN 'effective/paper_shipped'
    WHEN '已作废' THEN 'voided'
    WHEN '已删除' THEN 'deleted'
    ELSE state_before END
WHERE contract_id IS NOT NULL AND state_before IS NOT NULL;
UPDATE audit_events SET state_after = CASE state_after
    WHEN '草稿 / 填写信息' THEN 'draft/filling_info'
    WHEN '草稿 / 确认合同文本内容' THEN 'draft/confirming_text'
    WHEN '草稿 / 签署确认' THEN 'draft/confirming_signing'
    WHEN '草稿 / 合同草稿生成中' THEN 'draft/generating'
    WHEN '草稿 / 合同草稿已生成' THEN 'draft/generated'
    WHEN '草稿 / 合同草稿生成失败' THEN 'draft/generation_failed'
    WHEN '签署中 / 客户签署' THEN 'signing/customer_signing'
    WHEN '签署中 / 取消中' THEN 'signing/cancelling'
    WHEN '签署中 / 服务商签署' THEN 'signing/provider_signing'
    WHEN '签署中 / 服务商签署失败' THEN 'signing/signing_failed'
    WHEN '已生效 / 电子合同已生效' THEN 'effective/e_contract_effective'
    WHEN '已生效 / 纸质合同申请中' THEN 'effective/paper_requested'
    WHEN '已生效 / 纸质合同已寄出' THEN 'effective/paper_shipped'
    WHEN '已作废' THEN 'voided'
    WHEN '已删除' THEN 'deleted'
    ELSE state_after END
WHERE contract_id IS NOT NULL AND state_after IS NOT NULL;
