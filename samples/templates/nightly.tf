resource "aws_sfn_state_machine" "nightly_export" {
  name     = "nightly-export-${var.env}"
  role_arn = aws_iam_role.export.arn

  definition = jsonencode({
    Comment = "Export every tenant's data each night"
    StartAt = "List tenants"
    States = {
      "List tenants" = {
        Type     = "Task"
        Resource = "arn:aws:states:::aws-sdk:dynamodb:scan"
        Parameters = { TableName = aws_dynamodb_table.tenants.name }
        Next     = "Export each"
      }
      "Export each" = {
        Type           = "Map"
        ItemsPath      = "$.Items"
        MaxConcurrency = var.max_parallel_exports
        ItemProcessor = {
          ProcessorConfig = { Mode = "INLINE" }
          StartAt         = "Export tenant"
          States = {
            "Export tenant" = {
              Type     = "Task"
              Resource = "arn:aws:states:::glue:startJobRun.sync"
              Parameters = { JobName = aws_glue_job.export.name }
              Retry    = [{ ErrorEquals = ["Glue.ConcurrentRunsExceededException"], IntervalSeconds = 60, MaxAttempts = 5 }]
              End      = true
            }
          }
        }
        Next = "Notify"
      }
      Notify = {
        Type     = "Task"
        Resource = "arn:aws:states:::sns:publish"
        Parameters = { TopicArn = aws_sns_topic.ops.arn, Message = "Nightly export finished" }
        End      = true
      }
    }
  })
}
