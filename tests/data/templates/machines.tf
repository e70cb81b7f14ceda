# Two machines: jsonencode() and a heredoc.
resource "aws_sfn_state_machine" "encoded" {
  name     = "encoded-${var.env}"
  role_arn = aws_iam_role.sfn.arn
  definition = jsonencode({
    Comment = "HCL object syntax"
    StartAt = "Send"
    States = {
      Send = {
        Type     = "Task"
        Resource = "arn:aws:states:::sqs:sendMessage"
        Parameters = {
          QueueUrl    = aws_sqs_queue.q.url
          MessageBody = { "TaskToken.$" = "$$.Task.Token" }
        }
        TimeoutSeconds = var.timeout
        Next           = "Done"
      }
      "Done" : { Type = "Succeed" }
    }
  })
}

resource "aws_sfn_state_machine" "heredoc" {
  name       = "heredoc"
  role_arn   = aws_iam_role.sfn.arn
  definition = <<-EOF
    {
      "StartAt": "Run",
      "States": {
        "Run": {"Type": "Task", "Resource": "${aws_lambda_function.run.arn}",
                "MaxAttempts": 3, "Next": "Gone"}
      }
    }
  EOF
}

resource "aws_sfn_state_machine" "from_var" {
  name       = "module"
  role_arn   = aws_iam_role.sfn.arn
  definition = var.definition
}
