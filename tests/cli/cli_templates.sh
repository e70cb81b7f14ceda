#!/bin/bash
# Definitions where they live: asl-dot list, --machine, lint and render of CloudFormation, SAM,
# CDK, Serverless, Terraform and AWS CLI files (tests/data/templates, written for these tests),
# bad templates, and every real template of ../shared/corpus/templates against its
# NAME.expect.json (skipped, and said so, when the corpus is absent).
. "$(dirname "$0")/helpers.bash"
D=$ASLDOT_SOURCE_DIR/tests/data/templates

# ---- list
run list "$D/sam-inline.yaml"
expect_rc 0 "list a SAM template"
expect_contains "$out" "$(printf 'sam-inline.yaml\tOrderMachine\tsam\t3')" "list: id, kind, states"
expect_contains "$out" "$(printf '\tBrokenMachine\tsam\t1')" "list: the second machine"

run list --format json "$D/machines.tf" "$D/describe.json" "$D/tf-show.json" "$D/serverless.yml"
expect_rc 0 "list --format json of four kinds"
checks=$((checks + 1))
python3 - "$out" <<'EOF' || fail "list --format json: wrong machines"
import json, sys
doc = json.load(open(sys.argv[1]))
got = [(m['id'], m['kind'], m['states']) for m in doc['machines']]
want = [('encoded', 'terraform', 2), ('heredoc', 'terraform', 1), ('from_var', 'terraform', None),
        ('Hello', 'aws-cli', 2), ('aws_sfn_state_machine.main', 'terraform-json', 2),
        ('module.jobs.aws_sfn_state_machine.this', 'terraform-json', 2),
        ('ordersFlow', 'serverless', 2)]
assert got == want, got
assert doc['machines'][2]['resolvable'] is False and 'var.definition' in doc['machines'][2]['reason']
EOF

run list "$D/../../../samples/approval.asl.json"
expect_rc 0 "list a bare definition"
expect_match "$out" $'\t-\tasl\t[0-9]+$' "a bare definition is one machine with the id -"

# ---- which machine
run -o "$T/one.svg" "$D/sam-inline.yaml"
expect_rc 2 "several machines and one output: a usage error"
expect_contains "$err" "OrderMachine and BrokenMachine" "the usage error lists the ids"
checks=$((checks + 1))
[ ! -e "$T/one.svg" ] || fail "nothing is written on a usage error"

run --machine Nope -o "$T/one.svg" "$D/sam-inline.yaml"
expect_rc 2 "--machine with an unknown id"
expect_contains "$err" "no state machine 'Nope'" "the unknown id is named"

run --machine OrderMachine -o "$T/order.svg" "$D/sam-inline.yaml"
expect_rc 0 "--machine draws one machine"
expect_contains "$T/order.svg" "<title>Charge</title>" "the chosen machine's states are drawn"
expect_contains "$T/order.svg" "Lambda · Invoke · ChargeFn" "!GetAtt of a function declared in the template reads as that function"
run -T dot --machine encoded "$D/machines.tf"
expect_contains "$out" 'SQS · SendMessage · q' "a jsonencode() machine is described, its aws_sqs_queue named"
run -T mermaid --machine Flow "$D/sam-integrations.yaml"
expect_rc 0 "service integrations on the template's resources"
expect_contains "$out" 'SQS · SendMessage · ApprovalQueue · wait for callback' "QueueUrl: !Ref of a declared queue names it"
expect_contains "$out" 'DynamoDB · PutItem · Orders' "TableName: !Ref of a declared table names it"
expect_contains "$out" 'Step Functions · StartExecution · Child · run job' "StateMachineArn: !GetAtt of a declared machine names it"
expect_contains "$out" '"Tell<br/>SNS · Publish")' "a reference to nothing the template declares adds nothing"
run -T dot --machine heredoc -k "$D/machines.tf"
expect_contains "$out" 'Lambda · Invoke · run' "a Terraform aws_lambda_function reference reads as that function"

mkdir "$T/all"
run -o "$T/all/" "$D/machines.tf" "$D/sam-inline.yaml"
expect_rc 1 "-o DIR/ draws every machine of every file (two have errors)"
checks=$((checks + 1))
[ -f "$T/all/machines.encoded.svg" ] && [ -f "$T/all/sam-inline.OrderMachine.svg" ] ||
    fail "batch outputs are named STEM.ID.EXT: $(ls "$T/all")"
checks=$((checks + 1))
[ ! -e "$T/all/machines.heredoc.svg" ] && [ ! -e "$T/all/sam-inline.BrokenMachine.svg" ] ||
    fail "a machine with errors is not drawn: $(ls "$T/all")"
expect_contains "$err" "(machine heredoc, at /States/Run/Next)" "its errors name the machine"
expect_contains "$err" "skipping state machine 'from_var'" "an unresolved machine is skipped, said"

run --machine from_var -o "$T/var.svg" "$D/machines.tf"
expect_rc 1 "drawing an unresolved machine"
expect_contains "$err" "var.definition" "the reason is given"

# ---- placeholders and substitutions
run lint "$D/cfn-sub.yaml"
expect_rc 0 "unquoted \${...} with DefinitionSubstitutions and a Fn::Sub map lint clean"
run lint "$D/serverless.yml"
expect_rc 0 "Serverless variables and Fn::GetAtt lint clean"
run -T dot --machine ordersFlow "$D/serverless.yml"
expect_rc 0 "render a serverless.yml machine"
expect_contains "$out" 'validate.Arn' "a Fn::GetAtt resource shows as its placeholder"

run -T dot --machine Timed --substitute TimeoutParam=120 "$D/cfn-sub.yaml"
expect_rc 0 "--substitute fills a placeholder"
expect_contains "$out" 'Worker.Arn' "a DefinitionSubstitutions intrinsic shows as its placeholder"
run lint --substitute TimeoutParam=45 "$D/cfn-sub.yaml"
expect_rc 1 "a substituted number is checked against the others"
expect_contains "$out" 'must be less than "TimeoutSeconds" (45)' "HeartbeatSeconds against the substituted TimeoutSeconds"
printf 'TimeoutParam: "soon"\n' >"$T/subs.yaml"
run lint --substitutions "$T/subs.yaml" "$D/cfn-sub.yaml"
expect_rc 1 "a substituted literal is checked like any value"
expect_contains "$out" "cfn-sub.yaml:15:83: error: invalid value \"soon\"" "the bad substituted value is reported where the placeholder is"

# ---- lint --strict notes placeholders that nothing fills
mkdir -p "$T/strict/sm"
cat >"$T/strict/sm/flow.asl.json" <<'EOF'
{"StartAt": "A", "States": {
  "A": {"Type": "Task", "Resource": "${FnArn}", "Next": "B"},
  "B": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage",
        "Parameters": {"QueueUrl": "${Queue}", "MessageBody": "${Tyop} in ${AWS::Region}"}, "Next": "C"},
  "C": {"Type": "Pass", "Result": "https://${Api}/x ${Tyop}", "End": true}}}
EOF
cat >"$T/strict/template.yaml" <<'EOF'
Transform: AWS::Serverless-2016-10-31
Parameters:
  Env: {Type: String}
Resources:
  Fn: {Type: AWS::Serverless::Function}
  Flow:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: sm/flow.asl.json
      DefinitionSubstitutions:
        FnArn: !GetAtt Fn.Arn
        Api: !Sub "${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com"
  Inline:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: !Sub |
        {"StartAt": "A", "States": {"A": {"Type": "Pass",
          "Result": "${Env} ${Fn.Arn} ${AWS::AccountId} ${Missing} ${!Literal}", "End": true}}}
EOF
run lint "$T/strict/template.yaml"
expect_rc 0 "a template with unfilled placeholders lints clean"
expect_not_contains "$out" "placeholder-unfilled" "placeholders are noted only with --strict"
run lint --strict "$T/strict/template.yaml"
expect_rc 0 "--strict: a note does not fail"
expect_contains "$out" 'flow.asl.json:4:63: note: nothing fills the placeholder "${Tyop}" (used 2 times, first here): no substitution names it and the template declares no parameter or resource "Tyop" (give --substitute Tyop=VALUE or --substitutions FILE) [placeholder-unfilled] (machine Flow, at /States/B/Parameters/MessageBody)' "an unfilled placeholder: once, at its first use, in the referenced file"
expect_contains "$out" '"${Queue}"' "each unfilled key is noted"
expect_contains "$out" '"${Missing}"' "Fn::Sub: a name the template does not declare"
checks=$((checks + 1))
[ "$(grep -c placeholder-unfilled "$out")" = 3 ] ||
    fail "substituted, declared, pseudo, !-escaped and !Sub-inserted names are not noted: $(cat "$out")"
run lint --strict --substitute Tyop=x --substitute Queue=q --substitute Missing=m "$T/strict/template.yaml"
expect_rc 0 "--strict with every placeholder given"
expect_not_contains "$out" "placeholder-unfilled" "--substitute fills them"
run lint --strict "$T/strict/sm/flow.asl.json"
expect_contains "$out" 'nothing fills the placeholder "${FnArn}" (give --substitute FnArn=VALUE' "a bare definition: every placeholder is unfilled"
cat >"$T/strict/main.tf" <<'EOF'
resource "aws_sfn_state_machine" "tpl" {
  name       = "tpl"
  role_arn   = aws_iam_role.sfn.arn
  definition = templatefile("${path.module}/sm/flow.asl.json", { FnArn = aws_lambda_function.f.arn, Queue = "q", Api = var.api })
}
resource "aws_sfn_state_machine" "inline" {
  name       = "inline"
  role_arn   = aws_iam_role.sfn.arn
  definition = <<EOT
{"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "${aws_lambda_function.f.arn}", "End": true}}}
EOT
}
EOF
run lint --strict --format json "$T/strict/main.tf"
expect_rc 0 "--strict on Terraform"
checks=$((checks + 1))
python3 - "$out" <<'EOF' || fail "Terraform: only the templatefile() variable nobody passes is noted"
import json, sys
notes = [d for d in json.load(open(sys.argv[1])) if d['code'] == 'placeholder-unfilled']
assert [(d['machine'], d['severity']) for d in notes] == [('tpl', 'note')], notes
assert '"${Tyop}"' in notes[0]['message'] and 'templatefile() variable' in notes[0]['message'], notes
EOF

# ---- diagnostics point into the file
run lint "$D/cfn-join.json"
expect_rc 1 "an error inside a DefinitionString (Fn::Join)"
expect_contains "$out" "cfn-join.json:21:162: error:" "line:column in the template, through the escapes"
expect_contains "$out" "(machine Machine1, at /States/Check/Default)" "machine id and pointer"
run lint "$D/sam-inline.yaml"
expect_rc 1 "an error in an inline SAM Definition"
expect_contains "$out" "sam-inline.yaml:38:19: error:" "line:column of the mapping value"
run lint --format json "$D/machines.tf"
expect_rc 1 "an error in a Terraform heredoc"
expect_contains "$out" '"line": 32, "column": 43' "the heredoc's position in the .tf file"
expect_contains "$out" '"machine": "heredoc"' "JSON diagnostics carry the machine"

# ---- bad input: one message naming the file, the line and the machine; exit 1
run lint "$D/missing-uri.yaml"
expect_rc 1 "a DefinitionUri that does not exist"
expect_contains "$out" "missing-uri.yaml:5:22: error: cannot read the definition file" "names the reference"
expect_contains "$out" "(machine Lost)" "names the machine"
expect_contains "$out" "not checked: the definition is in S3" "an S3 location is said, not an error"
run list "$D/no-machine.yaml"
expect_rc 1 "a template without a state machine"
expect_contains "$err" "no state machine in this cloudformation file" "said so"
printf 'resource "aws_sfn_state_machine" "x" {\n  definition = jsonencode({ StartAt = \n' >"$T/cut.tf"
run lint "$T/cut.tf"
expect_rc 1 "a Terraform file cut short"
printf 'Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n    Properties:\n      DefinitionString: !Sub "{ \\"StartAt\\": ${X"\n' >"$T/badsub.yaml"
run lint "$T/badsub.yaml"
expect_rc 1 "a Fn::Sub that does not parse"
expect_contains "$out" "(machine M" "the machine is named"

# ---- the real templates
tdir=$ASLDOT_CORPUS_DIR/templates
if [ ! -d "$tdir" ]; then
    echo "SKIP: $tdir is absent: the real templates were not checked"
else
    n=0
    for exp in "$tdir"/*.expect.json; do
        file=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("file",""))' "$exp")
        tpl=$tdir/$file
        [ -f "$tpl" ] || continue
        n=$((n + 1))
        run list --format json "$tpl"
        checks=$((checks + 1))
        python3 - "$exp" "$out" <<'EOF' || fail "list $(basename "$exp"): ids differ"
import json, sys
exp, got = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
ids = [m['id'] for m in got['machines']]
assert ids == [m['id'] for m in exp['machines']], ids
for m, g in zip(exp['machines'], got['machines']):
    if m.get('resolvable', True):
        assert g['states'] == m['state_count'], (m['id'], g['states'])
    else:
        assert g.get('resolvable') is False, m['id']
EOF
        run lint "$tpl"
        checks=$((checks + 1))
        [ "$rc" = 0 ] || fail "lint $(basename "$tpl"): exit $rc: $(head -3 "$out")"
        for id in $(python3 -c 'import json,sys; print(" ".join(m["id"] for m in json.load(open(sys.argv[1]))["machines"] if m.get("resolvable", True)))' "$exp"); do
            run -T svg --machine "$id" -o "$T/m.svg" "$tpl"
            checks=$((checks + 1))
            python3 - "$exp" "$id" "$T/m.svg" <<'EOF' || fail "render $(basename "$tpl") $id: states differ"
import json, re, sys, html
exp = json.load(open(sys.argv[1]))
m = [m for m in exp['machines'] if m['id'] == sys.argv[2]][0]
svg = open(sys.argv[3]).read()
names = sorted(html.unescape(t) for t in re.findall(r'<g id="[^"]*" class="(?:node|cluster) state[^"]*">\s*<title>([^<]*)</title>', svg))
assert names == sorted(m['states']), (names, m['states'])
EOF
        done
    done
    echo "checked $n real templates"
fi
finish
