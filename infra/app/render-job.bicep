// Event-driven Container Apps job running the GPU render worker on a serverless GPU workload profile.
// KEDA's azure-queue scaler watches render-requests with the job's user-assigned identity (no connection
// string); each execution runs one replica that drains the queue and exits after RENDER_IDLE_EXIT_SECONDS idle.
param name string
param location string
param tags object = {}
param environmentId string

@description('Workload profile (in the environment) the job runs on.')
param workloadProfileName string

@description('Serverless GPU profile type; selects matching cpu/memory for the replica.')
@allowed(['Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100'])
param gpuProfileType string

@description('Full image reference, e.g. <registry>.azurecr.io/talking-head-render:latest.')
param image string

@description('Registry login server pulled from with the job identity.')
param registryServer string

@description('Resource id of the job\'s user-assigned identity (registry pull, scale rule, worker queue access).')
param identityId string

param storageAccountName string
param queueName string

@description('Environment variables of the worker container (name -> value).')
param env object

@description('Most executions (= GPU replicas: parallelism 1) running at once; main.bicep\'s renderMaxReplicas.')
@minValue(1)
param maxExecutions int

@description('Seconds one replica may run before it is stopped.')
@minValue(60)
param replicaTimeout int = 3600

@description('Seconds between KEDA polls of the queue.')
@minValue(10)
param pollingInterval int = 30

// Serverless GPU replicas get the whole GPU slice: request the profile's full cpu/memory.
var gpuResources = {
  'Consumption-GPU-NC8as-T4': {
    cpu: 8
    memory: '56Gi'
  }
  'Consumption-GPU-NC24-A100': {
    cpu: 24
    memory: '220Gi'
  }
}

resource job 'Microsoft.App/jobs@2025-01-01' = {
  name: name
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    environmentId: environmentId
    workloadProfileName: workloadProfileName
    configuration: {
      triggerType: 'Event'
      replicaTimeout: replicaTimeout
      replicaRetryLimit: 1
      registries: [
        {
          server: registryServer
          identity: identityId
        }
      ]
      eventTriggerConfig: {
        parallelism: 1
        replicaCompletionCount: 1
        scale: {
          minExecutions: 0
          maxExecutions: maxExecutions
          pollingInterval: pollingInterval
          rules: [
            {
              name: 'render-requests'
              type: 'azure-queue'
              metadata: {
                accountName: storageAccountName
                queueName: queueName
                // One execution per queued message, up to maxExecutions: each chunk of a split job gets its own replica.
                queueLength: '1'
              }
              identity: identityId
            }
          ]
        }
      }
    }
    template: {
      containers: [
        {
          name: 'render-worker'
          image: image
          resources: {
            cpu: gpuResources[gpuProfileType].cpu
            memory: gpuResources[gpuProfileType].memory
          }
          env: [for setting in items(env): { name: setting.key, value: string(setting.value) }]
        }
      ]
    }
  }
}

output name string = job.name
output id string = job.id
