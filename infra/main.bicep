// Talking-head video pipeline on Azure — one-command deploy with `azd up`.
//
//   rg-<environmentName>
//   ├─ Flex Consumption function app (.NET 10 isolated, Durable Task hub on the storage account)
//   ├─ Storage account (identity-only): deployment package container, render-requests/-results/-poison queues
//   ├─ Key Vault (RBAC): WORKER_TOKEN, ELEVENLABS_API_KEY, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY
//   ├─ Log Analytics + Application Insights
//   ├─ Container Registry (render image, pulled by managed identity)
//   └─ Container Apps environment with a serverless GPU profile + event-driven render job (azure-queue scaler)
//
// Every setting the code reads is set from a parameter below (defaults = the code's defaults). To add one,
// add a parameter and a line in `pipelineSettings` (function app) or `renderSettings` (render job).
targetScope = 'subscription'

// ---------------------------------------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------------------------------------

@minLength(1)
@maxLength(64)
@description('azd environment name; used for the resource group name (rg-<name>) and the resource name suffix.')
param environmentName string

@minLength(1)
@description('Region of all resources (pick one with Flex Consumption; see docs/deploy.md).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Region of the Container Apps environment and render job (must offer serverless GPUs); empty = location.')
param renderLocation string = ''

@description('Optional principal id (azd sets AZURE_PRINCIPAL_ID) granted storage data roles for debugging.')
param principalId string = ''

// ---------------------------------------------------------------------------------------------------------
// Scale knobs
// ---------------------------------------------------------------------------------------------------------

@description('Flex Consumption instance memory size (MB).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Flex Consumption per-app scale-out limit (maximumInstanceCount).')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Serverless GPU workload profile of the render job.')
@allowed(['Consumption-GPU-NC8as-T4', 'Consumption-GPU-NC24-A100'])
param gpuProfileType string = 'Consumption-GPU-NC8as-T4'

// Defaults to RENDER_MAX_PARALLEL_CHUNKS' default, so that one long job can render all its chunks at once.
@description('Render job: most GPU replicas running at once (the job\'s maxExecutions; one GPU each). A long job split into N chunks renders in about its longest chunk when N replicas are free, else in ceil(N / free replicas) rounds. Cost is GPU-seconds: the rendering costs the same whatever this is (chunking adds one model load per chunk), but each replica started adds its start-up plus RENDER_IDLE_EXIT_SECONDS of idle. More than renderMaxParallelChunks x concurrent long jobs gains nothing. Needs serverless GPU quota for this many GPUs of gpuProfileType in the render region. See docs/deploy.md (Latency and cost of long videos).')
@minValue(1)
@maxValue(100)
param renderMaxReplicas int = 8

@description('Render job: seconds a replica may run before it is stopped; also RENDER_REPLICA_TIMEOUT_SECONDS of the worker, which takes no request once less than SADTALKER_TIMEOUT_SECONDS + 600 s are left (so it must exceed that sum).')
@minValue(300)
@maxValue(86400)
param renderReplicaTimeoutSeconds int = 3600

@description('Render job: seconds between queue-length polls of the scale rule.')
@minValue(10)
@maxValue(600)
param renderPollingIntervalSeconds int = 30

@description('Render worker image. Empty = <registry>.azurecr.io/talking-head-render:latest (push it first, see docs/deploy.md).')
param renderImage string = ''

// ---------------------------------------------------------------------------------------------------------
// Secrets (stored in Key Vault; the app reads them through Key Vault references)
// ---------------------------------------------------------------------------------------------------------

@secure()
@minLength(1)
@description('Bearer token shared with the backend (WORKER_TOKEN).')
param workerToken string

@secure()
@description('ElevenLabs API key (ELEVENLABS_API_KEY). Empty = no secret; TTS_PROVIDER=auto then selects espeak.')
param elevenLabsApiKey string = ''

@secure()
@minLength(1)
@description('S3 access key id (AWS_ACCESS_KEY_ID).')
param awsAccessKeyId string

@secure()
@minLength(1)
@description('S3 secret access key (AWS_SECRET_ACCESS_KEY).')
param awsSecretAccessKey string

// ---------------------------------------------------------------------------------------------------------
// Pipeline settings (function app)
// ---------------------------------------------------------------------------------------------------------

@minLength(1)
@description('BACKEND_URL: base URL of the backend that queues the jobs.')
param backendUrl string

@description('TTS_PROVIDER: auto (elevenlabs when ELEVENLABS_API_KEY is set, else espeak), elevenlabs or espeak.')
param ttsProvider string = 'auto'

@description('ELEVENLABS_MODEL_ID')
param elevenLabsModelId string = 'eleven_multilingual_v2'

@description('ELEVENLABS_BASE_URL')
param elevenLabsBaseUrl string = 'https://api.elevenlabs.io'

@description('ELEVENLABS_VOICE_MAP: UI voice id = ElevenLabs voice id, comma separated.')
param elevenLabsVoiceMap string = 'en_female_1=21m00Tcm4TlvDq8ikWAM,en_male_1=EXAVITQu4vr4xnSDxMaL'

@description('ELEVENLABS_VOICES_ONLY_MAPPED: only the voices of ELEVENLABS_VOICE_MAP may be used; any other fails the job as bad input.')
param elevenLabsVoicesOnlyMapped bool = false

@description('ESPEAK_CMD')
param espeakCmd string = 'espeak-ng'

@minLength(1)
@description('S3_BUCKET')
param s3Bucket string

@description('S3_REGION')
param s3Region string = 'us-east-1'

@description('S3_ENDPOINT: empty = AWS S3; set for S3-compatible providers (path-style addressing).')
param s3Endpoint string = ''

@description('PRESIGNED_URL_TTL_MINUTES: must outlast RENDER_TIMEOUT_MINUTES.')
@minValue(1)
param presignedUrlTtlMinutes int = 60

@description('POLL_SCHEDULE: NCRONTAB (with seconds) of the backend poller.')
param pollSchedule string = '*/10 * * * * *'

@description('MAX_CONCURRENT_JOBS: jobs in flight at once; the poller stops leasing at this many.')
@minValue(1)
@maxValue(1000)
param maxConcurrentJobs int = 4

@description('MAX_TEXT_LENGTH')
@minValue(1)
param maxTextLength int = 5000

@description('RENDER_TIMEOUT_MINUTES: how long a job waits for the GPU render.')
@minValue(1)
param renderTimeoutMinutes int = 45

@description('RENDER_CHUNK_SECONDS: speech longer than this is split into chunks rendered on several GPUs at once; 0 = never split (else at least 5).')
@minValue(0)
param renderChunkSeconds int = 15

@description('RENDER_MAX_PARALLEL_CHUNKS: chunks of one job requested at once (each takes one GPU replica): caps one long job\'s share of renderMaxReplicas; more than renderMaxReplicas gains nothing (the rest wait in render-requests).')
@minValue(1)
@maxValue(256)
param renderMaxParallelChunks int = 8

@description('CAPTIONS: off, file (WebVTT and SRT beside the video) or burn (also drawn into the video); a job\'s input.captions overrides it.')
@allowed(['off', 'file', 'burn'])
param captions string = 'file'

@description('FORCE_SADTALKER: fail instead of falling back to the ffmpeg still-image renderer.')
param forceSadTalker bool = false

@description('MAX_AUDIO_SECONDS: trim speech to this many seconds before rendering; 0 = no trim.')
@minValue(0)
param maxAudioSeconds int = 0

@description('MAX_IMAGE_BYTES')
@minValue(1)
param maxImageBytes int = 20971520

@description('MAX_AUDIO_BYTES')
@minValue(1)
param maxAudioBytes int = 104857600

@description('DOWNLOAD_TIMEOUT_SECONDS: the pipeline\'s limit for one whole input download, redirects included.')
@minValue(1)
param downloadTimeoutSeconds int = 60

@description('DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS: the render worker\'s limit per presigned GET attempt, and again for the body.')
@minValue(1)
param downloadAttemptTimeoutSeconds int = 60

@description('REPORT_RETRY_MINUTES: how long reporting to the backend is retried.')
@minValue(1)
param reportRetryMinutes int = 180

@description('REPORT_RETRY_INTERVAL_SECONDS: after that window, an undelivered report is retried this often until it lands.')
@minValue(1)
@maxValue(300)
param reportRetryIntervalSeconds int = 300

@description('ACTIVITY_RETRY_SECONDS: first delay between activity retries.')
@minValue(1)
param activityRetrySeconds int = 2

@description('SADTALKER_EXTRA_ARGS: extra SadTalker arguments sent with every render request (empty = none).')
param sadTalkerExtraArgs string = ''

@description('TASKHUB_NAME: Durable Task hub name (host.json extensions.durableTask.hubName).')
param taskHubName string = 'talkinghead'

// ---------------------------------------------------------------------------------------------------------
// Render worker settings (container job)
// ---------------------------------------------------------------------------------------------------------

@description('RENDER_CONCURRENCY: renders at once per replica.')
@minValue(1)
param renderConcurrency int = 1

@description('RENDER_MAX_DELIVERIES: deliveries of a request before it goes to render-requests-poison.')
@minValue(1)
param renderMaxDeliveries int = 3

@description('RENDER_VISIBILITY_TIMEOUT_SECONDS')
@minValue(1)
param renderVisibilityTimeoutSeconds int = 120

@description('RENDER_IDLE_EXIT_SECONDS: the worker exits after this many idle seconds, ending the job execution.')
@minValue(0)
param renderIdleExitSeconds int = 60

@description('SADTALKER_CMD')
param sadTalkerCmd string = 'sadtalker'

@description('SADTALKER_ARGS')
param sadTalkerArgs string = '--still --preprocess full --enhancer gfpgan'

@description('SADTALKER_WORKDIR')
param sadTalkerWorkdir string = '/opt/SadTalker'

@description('SADTALKER_TIMEOUT_SECONDS')
@minValue(1)
param sadTalkerTimeoutSeconds int = 1800

@description('FFMPEG_CMD')
param ffmpegCmd string = 'ffmpeg'

@description('FFPROBE_CMD')
param ffprobeCmd string = 'ffprobe'

@description('RENDERER: the renderer of a request that names none: auto (SadTalker when installed, else the CPU animator, else the still image), sadtalker, animator or ffmpeg')
@allowed(['auto', 'sadtalker', 'animator', 'ffmpeg'])
param renderer string = 'auto'

@description('FACE_LANDMARKS_MODEL: the animator\'s dlib 68-point landmark model (Debian libdlib-data, copied into the image)')
param faceLandmarksModel string = '/usr/share/dlib/shape_predictor_68_face_landmarks.dat'

@description('FACE_DETECTOR_MODEL: the animator\'s OpenCV Haar cascade (Debian opencv-data, copied into the image)')
param faceDetectorModel string = '/usr/share/opencv4/haarcascades/haarcascade_frontalface_alt2.xml'

@description('MIN_FACE_PIXELS: the narrowest face box the animator animates; a smaller face gets the still image (no_face)')
@minValue(16)
@maxValue(4096)
param minFacePixels int = 64

@description('FFMPEG_TIMEOUT_SECONDS: one ffmpeg or ffprobe run of the render worker is killed after this')
@minValue(1)
param ffmpegTimeoutSeconds int = 600

@description('MAX_INPUT_AUDIO_SECONDS')
@minValue(1)
param maxInputAudioSeconds int = 600

@description('WORK_DIR')
param workDir string = '/tmp/render'

// ---------------------------------------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------------------------------------

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var effectiveRenderLocation = empty(renderLocation) ? location : renderLocation

var names = {
  resourceGroup: 'rg-${environmentName}'
  functionApp: 'func-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionIdentity: 'id-func-${resourceToken}'
  renderIdentity: 'id-render-${resourceToken}'
  storage: 'st${resourceToken}'
  deploymentContainer: 'app-package-${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  registry: 'cr${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  applicationInsights: 'appi-${resourceToken}'
  containerAppsEnvironment: 'cae-${resourceToken}'
  renderJob: 'caj-render-${resourceToken}'
  gpuProfile: 'gpu'
}

var queues = {
  requests: 'render-requests'
  results: 'render-results'
  poison: 'render-requests-poison'
}

// Key Vault secrets: app setting name -> secret name + value.
var secretDefinitions = [
  { setting: 'WORKER_TOKEN', name: 'worker-token', value: workerToken }
  { setting: 'ELEVENLABS_API_KEY', name: 'elevenlabs-api-key', value: elevenLabsApiKey }
  { setting: 'AWS_ACCESS_KEY_ID', name: 'aws-access-key-id', value: awsAccessKeyId }
  { setting: 'AWS_SECRET_ACCESS_KEY', name: 'aws-secret-access-key', value: awsSecretAccessKey }
]

// Deterministic vault URI (no runtime reference inside the lambda below).
var keyVaultUri = 'https://${names.keyVault}${environment().suffixes.keyvaultDns}/'

func keyVaultReference(vaultUri string, secretName string) string =>
  '@Microsoft.KeyVault(SecretUri=${vaultUri}secrets/${secretName})'

// App settings are strings; booleans as lowercase true/false (ARM's string(bool) yields True/False).
func flag(value bool) string => value ? 'true' : 'false'

// ---------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module functionIdentity 'core/security/user-assigned-identity.bicep' = {
  name: 'function-identity'
  scope: rg
  params: {
    name: names.functionIdentity
    location: location
    tags: tags
  }
}

module renderIdentity 'core/security/user-assigned-identity.bicep' = {
  name: 'render-identity'
  scope: rg
  params: {
    name: names.renderIdentity
    location: effectiveRenderLocation
    tags: tags
  }
}

module monitoring 'core/monitor/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    applicationInsightsName: names.applicationInsights
    location: location
    tags: tags
  }
}

module storage 'core/storage/storage-account.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    containers: [names.deploymentContainer]
    queues: [queues.requests, queues.results, queues.poison]
  }
}

module keyVault 'core/security/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
    secrets: {
      items: map(secretDefinitions, s => { name: s.name, value: s.value })
    }
  }
}

module registry 'core/host/container-registry.bicep' = {
  name: 'registry'
  scope: rg
  params: {
    name: names.registry
    location: effectiveRenderLocation
    tags: tags
  }
}

module rbac 'app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    storageAccountName: names.storage
    keyVaultName: names.keyVault
    containerRegistryName: names.registry
    applicationInsightsName: names.applicationInsights
    functionIdentityName: names.functionIdentity
    functionPrincipalId: functionIdentity.outputs.principalId
    renderIdentityName: names.renderIdentity
    renderPrincipalId: renderIdentity.outputs.principalId
    developerPrincipalId: principalId
  }
  dependsOn: [storage, keyVault, registry, monitoring]
}

// Settings with code defaults that are rarely changed, kept here so the template sets everything the code reads.
@description('BACKEND_TIMEOUT_SECONDS: timeout of one lease or report call.')
param backendTimeoutSeconds int = 15

@description('ELEVENLABS_MAX_RETRIES: retries of 429/5xx answers from ElevenLabs.')
param elevenLabsMaxRetries int = 5

@description('ELEVENLABS_RETRY_BASE_DELAY_MS: first backoff delay of ElevenLabs retries.')
param elevenLabsRetryBaseDelayMs int = 1000

@description('ELEVENLABS_TIMEOUT_SECONDS: timeout of one ElevenLabs attempt.')
param elevenLabsTimeoutSeconds int = 60

@description('ELEVENLABS_READ_TIMEOUT_SECONDS: longest wait for the next bytes of an ElevenLabs response body.')
@minValue(1)
param elevenLabsReadTimeoutSeconds int = 30

@description('ESPEAK_VOICE_MAP: UI voice ids to espeak-ng voices.')
param espeakVoiceMap string = 'en_female_1=en-us+f3,en_male_1=en-us+m3'

@description('MAX_REDIRECTS: redirects followed when downloading job inputs.')
param maxRedirects int = 3

@description('MAX_IMAGE_SIDE: largest image side (px) the render worker accepts.')
param maxImageSide int = 4096

@description('RENDER_POLL_INTERVAL_MS: queue polling interval of the render worker.')
param renderPollIntervalMs int = 100

@description('RENDER_MAX_POLL_INTERVAL_MS: longest idle polling interval (backoff).')
param renderMaxPollIntervalMs int = 500

@description('RENDER_RETRY_DELAY_SECONDS: delay before a transiently failed render is retried.')
param renderRetryDelaySeconds int = 5

@description('RENDER_SHUTDOWN_GRACE_SECONDS: time to finish a render on SIGTERM before its message is released.')
param renderShutdownGraceSeconds int = 25

@description('UPLOAD_TIMEOUT_SECONDS: timeout of one upload through a presigned URL.')
param uploadTimeoutSeconds int = 300

// Pipeline settings of the function app (Key Vault references for secrets; empty secret = empty setting).
var secretSettings = toObject(
  secretDefinitions,
  s => s.setting,
  s => empty(s.value) ? '' : keyVaultReference(keyVaultUri, s.name)
)

var pipelineSettings = union(secretSettings, {
  BACKEND_URL: backendUrl
  TTS_PROVIDER: ttsProvider
  ELEVENLABS_MODEL_ID: elevenLabsModelId
  ELEVENLABS_BASE_URL: elevenLabsBaseUrl
  ELEVENLABS_VOICE_MAP: elevenLabsVoiceMap
  ELEVENLABS_VOICES_ONLY_MAPPED: flag(elevenLabsVoicesOnlyMapped)
  ESPEAK_CMD: espeakCmd
  S3_BUCKET: s3Bucket
  S3_REGION: s3Region
  S3_ENDPOINT: s3Endpoint
  PRESIGNED_URL_TTL_MINUTES: string(presignedUrlTtlMinutes)
  POLL_SCHEDULE: pollSchedule
  MAX_CONCURRENT_JOBS: string(maxConcurrentJobs)
  MAX_TEXT_LENGTH: string(maxTextLength)
  RENDER_TIMEOUT_MINUTES: string(renderTimeoutMinutes)
  RENDER_CHUNK_SECONDS: string(renderChunkSeconds)
  RENDER_MAX_PARALLEL_CHUNKS: string(renderMaxParallelChunks)
  CAPTIONS: captions
  FORCE_SADTALKER: flag(forceSadTalker)
  MAX_AUDIO_SECONDS: string(maxAudioSeconds)
  MAX_IMAGE_BYTES: string(maxImageBytes)
  MAX_AUDIO_BYTES: string(maxAudioBytes)
  DOWNLOAD_TIMEOUT_SECONDS: string(downloadTimeoutSeconds)
  REPORT_RETRY_MINUTES: string(reportRetryMinutes)
  REPORT_RETRY_INTERVAL_SECONDS: string(reportRetryIntervalSeconds)
  ACTIVITY_RETRY_SECONDS: string(activityRetrySeconds)
  SADTALKER_EXTRA_ARGS: sadTalkerExtraArgs
  TASKHUB_NAME: taskHubName
  BACKEND_TIMEOUT_SECONDS: string(backendTimeoutSeconds)
  ELEVENLABS_MAX_RETRIES: string(elevenLabsMaxRetries)
  ELEVENLABS_RETRY_BASE_DELAY_MS: string(elevenLabsRetryBaseDelayMs)
  ELEVENLABS_TIMEOUT_SECONDS: string(elevenLabsTimeoutSeconds)
  ELEVENLABS_READ_TIMEOUT_SECONDS: string(elevenLabsReadTimeoutSeconds)
  ESPEAK_VOICE_MAP: espeakVoiceMap
  MAX_REDIRECTS: string(maxRedirects)
  // Never true in Azure: loopback/private URLs are only for the local quick start.
  ALLOW_LOOPBACK_URLS: 'false'
  ALLOWED_LOOPBACK_ORIGINS: ''
})

module functionApp 'app/functions.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    storageAccountName: names.storage
    deploymentContainerName: names.deploymentContainer
    applicationInsightsName: names.applicationInsights
    identityId: functionIdentity.outputs.id
    identityClientId: functionIdentity.outputs.clientId
    appSettings: pipelineSettings
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
  }
  // Key Vault references and identity-based storage need the role assignments in place.
  dependsOn: [storage, monitoring, keyVault, rbac]
}

module containerAppsEnvironment 'core/host/container-apps-environment.bicep' = {
  name: 'container-apps-environment'
  scope: rg
  params: {
    name: names.containerAppsEnvironment
    location: effectiveRenderLocation
    tags: tags
    logAnalyticsWorkspaceName: names.logAnalytics
    gpuProfileName: names.gpuProfile
    gpuProfileType: gpuProfileType
  }
  dependsOn: [monitoring]
}

// Render worker environment (no secrets: the worker uses its managed identity and presigned URLs).
var renderSettings = {
  RENDER_QUEUE_SERVICE_URI: 'https://${storage.outputs.name}.queue.${environment().suffixes.storage}'
  AZURE_CLIENT_ID: renderIdentity.outputs.clientId
  RENDER_CONCURRENCY: string(renderConcurrency)
  RENDER_MAX_DELIVERIES: string(renderMaxDeliveries)
  RENDER_VISIBILITY_TIMEOUT_SECONDS: string(renderVisibilityTimeoutSeconds)
  RENDER_IDLE_EXIT_SECONDS: string(renderIdleExitSeconds)
  RENDER_REPLICA_TIMEOUT_SECONDS: string(renderReplicaTimeoutSeconds)
  SADTALKER_CMD: sadTalkerCmd
  SADTALKER_ARGS: sadTalkerArgs
  SADTALKER_WORKDIR: sadTalkerWorkdir
  SADTALKER_TIMEOUT_SECONDS: string(sadTalkerTimeoutSeconds)
  FFMPEG_CMD: ffmpegCmd
  FFPROBE_CMD: ffprobeCmd
  FFMPEG_TIMEOUT_SECONDS: string(ffmpegTimeoutSeconds)
  RENDERER: renderer
  FACE_LANDMARKS_MODEL: faceLandmarksModel
  FACE_DETECTOR_MODEL: faceDetectorModel
  MIN_FACE_PIXELS: string(minFacePixels)
  FORCE_SADTALKER: flag(forceSadTalker)
  MAX_AUDIO_SECONDS: string(maxAudioSeconds)
  MAX_INPUT_AUDIO_SECONDS: string(maxInputAudioSeconds)
  WORK_DIR: workDir
  MAX_IMAGE_BYTES: string(maxImageBytes)
  MAX_IMAGE_SIDE: string(maxImageSide)
  DOWNLOAD_ATTEMPT_TIMEOUT_SECONDS: string(downloadAttemptTimeoutSeconds)
  DOWNLOAD_MAX_AUDIO_BYTES: string(maxAudioBytes)
  UPLOAD_TIMEOUT_SECONDS: string(uploadTimeoutSeconds)
  RENDER_POLL_INTERVAL_MS: string(renderPollIntervalMs)
  RENDER_MAX_POLL_INTERVAL_MS: string(renderMaxPollIntervalMs)
  RENDER_RETRY_DELAY_SECONDS: string(renderRetryDelaySeconds)
  RENDER_SHUTDOWN_GRACE_SECONDS: string(renderShutdownGraceSeconds)
}

module renderJob 'app/render-job.bicep' = {
  name: 'render-job'
  scope: rg
  params: {
    name: names.renderJob
    location: effectiveRenderLocation
    tags: tags
    environmentId: containerAppsEnvironment.outputs.id
    workloadProfileName: names.gpuProfile
    gpuProfileType: gpuProfileType
    image: empty(renderImage) ? '${registry.outputs.loginServer}/talking-head-render:latest' : renderImage
    registryServer: registry.outputs.loginServer
    identityId: renderIdentity.outputs.id
    storageAccountName: storage.outputs.name
    queueName: queues.requests
    env: renderSettings
    maxExecutions: renderMaxReplicas
    replicaTimeout: renderReplicaTimeoutSeconds
    pollingInterval: renderPollingIntervalSeconds
  }
  // The AcrPull and queue role assignments must exist before the first execution pulls and polls.
  dependsOn: [rbac]
}

// ---------------------------------------------------------------------------------------------------------
// Outputs (azd writes them to .azure/<env>/.env)
// ---------------------------------------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output RENDER_REQUESTS_QUEUE string = queues.requests
output RENDER_RESULTS_QUEUE string = queues.results
output RENDER_POISON_QUEUE string = queues.poison
output AZURE_CONTAINER_REGISTRY_ENDPOINT string = registry.outputs.loginServer
output AZURE_CONTAINER_REGISTRY_NAME string = registry.outputs.name
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_CONTAINER_APPS_ENVIRONMENT_NAME string = containerAppsEnvironment.outputs.name
output RENDER_JOB_NAME string = renderJob.outputs.name
output RENDER_IMAGE string = empty(renderImage) ? '${registry.outputs.loginServer}/talking-head-render:latest' : renderImage
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsName
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
