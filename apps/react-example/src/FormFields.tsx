import type { FormSpec } from '@captchala/gallery'

interface Props {
  form: FormSpec
  /** controlled values; absent: the inputs keep their own (a native form post reads them) */
  values?: Record<string, string>
  onChange?: (values: Record<string, string>) => void
}

/** The visible fields of a story's form. */
export function FormFields({ form, values, onChange }: Props) {
  return form.fields.map(({ name, label, type = 'text', value }) => (
    <label key={name}>
      {label}
      <input
        name={name}
        type={type}
        {...(values
          ? { value: values[name], onChange: (e) => onChange?.({ ...values, [name]: e.target.value }) }
          : { defaultValue: value })}
      />
    </label>
  ))
}
