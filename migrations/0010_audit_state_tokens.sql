-- Audit events store tokens, not display text (domain::audit). Until now a contract
-- event's state_before / state_after held the zh-CN label of the state ("已生效 / 电子合同
-- 已生效"), which the event feed parsed back: rewording a label would have silently
-- broken every past event. They now hold ContractState::token ("effective/
-- e_contract_effective"; "voided" without a sub-status). The labels below are those
-- every earlier release wrote; anything else (account events' real-name tokens) is kept.
WITH state_tokens (label, token) AS (VALUES
    ('草稿 / 填写信息', 'draft/filling_info'),
    ('草稿 / 确认合同文本内容', 'draft/confirming_text'),
    ('草稿 / 签署确认', 'draft/confirming_signing'),
    ('草稿 / 合同草稿生成中', 'draft/generating'),
    ('草稿 / 合同草稿已生成', 'draft/generated'),
    ('草稿 / 合同草稿生成失败', 'draft/generation_failed'),
    ('签署中 / 客户签署', 'signing/customer_signing'),
    ('签署中 / 取消中', 'signing/cancelling'),
    ('签署中 / 服务商签署', 'signing/provider_signing'),
    ('签署中 / 服务商签署失败', 'signing/signing_failed'),
    ('已生效 / 电子合同已生效', 'effective/e_contract_effective'),
    ('已生效 / 纸质合同申请中', 'effective/paper_requested'),
    ('已生效 / 纸质合同已寄出', 'effective/paper_shipped'),
    ('已作废', 'voided'),
    ('已删除', 'deleted')
)
UPDATE audit_events SET
    state_before = COALESCE(
        (SELECT token FROM state_tokens WHERE label = audit_events.state_before), state_before),
    state_after = COALESCE(
        (SELECT token FROM state_tokens WHERE label = audit_events.state_after), state_after)
WHERE contract_id IS NOT NULL;
